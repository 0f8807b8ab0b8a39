import { useCurrentUser } from '../../auth';
import { MyCoaching } from '../components/MyCoaching';
import { TeamCoaching } from '../components/TeamCoaching';

/** /coaching: a manager's view of their team, or a telecaller's own. */
export function CoachingPage() {
  const { abilities } = useCurrentUser();
  return abilities.coachTeam ? <TeamCoaching /> : <MyCoaching />;
}
