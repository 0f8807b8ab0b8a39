import { useQuery } from '@tanstack/react-query';
import type { Role } from '@telehub/shared';
import { Navigate } from 'react-router';
import { FullPageLoading } from '../../../components/FullPageStatus';
import { useCurrentUser } from '../../auth';
import { setupApi, setupKeys } from '../api/setupApi';

/** Where each role starts its day: the telecaller at the workspace, the manager at the command center. */
export const HOME_OF: Record<Role, string> = { telecaller: '/workspace', manager: '/command-center', admin: '/command-center' };

/**
 * The app's front door: each role to its home; an admin to the setup checklist until the
 * organisation has teams, telecallers and leads (and to the command center if it cannot be read).
 */
export function HomeRedirect() {
  const { user } = useCurrentUser();
  const admin = user.role === 'admin';
  const checklist = useQuery({ queryKey: setupKeys.checklist, queryFn: ({ signal }) => setupApi.checklist(signal), enabled: admin });
  if (!admin) return <Navigate to={HOME_OF[user.role]} replace />;
  if (checklist.isPending) return <FullPageLoading />;
  return <Navigate to={checklist.data && !checklist.data.configured ? '/setup' : HOME_OF.admin} replace />;
}
