import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { ScorecardForm } from '../components/ScorecardForm';
import { useScorecard } from '../hooks/useQa';

/** /settings/scorecards/new and /settings/scorecards/:id: the scorecard editor. */
export function ScorecardEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = id && id !== 'new' ? id : null;
  const card = useScorecard(existing);
  const title = existing ? t('qa.editor.titleEdit') : t('qa.editor.titleNew');
  const back = (
    <Link to="/settings/scorecards" className="text-sm text-indigo-700 hover:underline">
      {t('qa.editor.cancel')}
    </Link>
  );
  return (
    <>
      <PageHeader title={existing && card.data ? card.data.name : title} documentTitle={title} actions={back} />
      {existing && card.isPending && <Skeleton className="h-64 w-full" />}
      {existing && card.isError && <ErrorState title={t('qa.editor.loadError')} error={card.error} onRetry={() => void card.refetch()} />}
      {(!existing || card.data) && (
        <ScorecardForm
          key={card.data?.id ?? 'new'}
          card={card.data ?? null}
          onSaved={(saved) => void navigate(`/settings/scorecards/${saved.id}`, { replace: true })}
        />
      )}
    </>
  );
}
