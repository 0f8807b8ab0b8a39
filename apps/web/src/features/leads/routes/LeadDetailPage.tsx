import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { NotFound } from '../../../components/NotFound';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { isApiError } from '../../../lib/errors';
import { useCurrentUser } from '../../auth';
import { PastCalls } from '../../calls';
import { MergeBanner, type Merged, MergeHistory, PossibleDuplicates } from '../../duplicates';
import { LeadFollowups } from '../../followups';
import { LeadMessages } from '../../messaging';
import { LeadPrivacy } from '../../privacy';
import { LeadEditDialog } from '../components/LeadEditDialog';
import { LeadFacts } from '../components/LeadFacts';
import { LeadHeader } from '../components/LeadHeader';
import { NoteComposer } from '../components/NoteComposer';
import { Timeline } from '../components/Timeline';
import { useLead } from '../hooks/useLead';

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lead = useLead(id);
  const { abilities } = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [merged, setMerged] = useState<Merged | null>(null);
  // A merge that kept the other lead comes here with the merge in the navigation state, for Undo.
  const navMerged = (location.state as { merged?: Merged } | null)?.merged;
  const banner = merged?.plan.survivor.id === id ? merged : navMerged?.plan.survivor.id === id ? navMerged : null;
  useDocumentTitle(lead.data?.name ?? t('leads.title'));

  function onMerged(m: Merged) {
    if (m.plan.survivor.id === id) setMerged(m);
    else navigate(`/leads/${m.plan.survivor.id}`, { state: { merged: m } });
  }

  function closeBanner() {
    setMerged(null);
    if (navMerged) navigate(location.pathname, { replace: true, state: null });
  }

  if (lead.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-4">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-80" />
        <div className="grid gap-5 pt-4 lg:grid-cols-3">
          <Skeleton className="h-64 lg:col-span-2" />
          <Skeleton className="h-64" />
        </div>
      </div>
    );
  }
  if (lead.isError) {
    // A malformed id is as missing as an unknown one; a lead that isn't yours is reported as 404 too.
    if (isApiError(lead.error) && (lead.error.status === 404 || lead.error.status === 400)) {
      return <NotFound title={t('lead.notFound.title')} body={t('lead.notFound.body')} />;
    }
    return <ErrorState title={t('lead.loadError')} error={lead.error} onRetry={() => void lead.refetch()} />;
  }

  return (
    <>
      {banner && <MergeBanner key={banner.mergeId} merged={banner} showOpen={false} onClose={closeBanner} />}
      <LeadHeader lead={lead.data} onEdit={() => setEditing(true)} />
      <div className="grid items-start gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:order-last">
          {abilities.mergeLeads && <PossibleDuplicates lead={lead.data} onMerged={onMerged} />}
          <LeadFacts lead={lead.data} />
          <LeadPrivacy lead={lead.data} />
          {abilities.mergeLeads && <MergeHistory leadId={lead.data.id} />}
        </div>
        <div className="min-w-0 space-y-5 lg:col-span-2">
          {/* The lead's calls: when, which way, who, the outcome, the recording and the transcript, each call's page. */}
          <section aria-labelledby="lead-calls-title" className="rounded-lg border border-gray-200 bg-white">
            <h2 id="lead-calls-title" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
              {t('leadCalls.title')}
            </h2>
            <div className="px-4 py-1">
              <PastCalls leadId={lead.data.id} pageSize={10} emptyTitle={t('leadCalls.empty')} />
            </div>
          </section>
          <LeadMessages lead={lead.data} />
          <LeadFollowups lead={lead.data} />
          <section aria-labelledby="timeline-title" className="rounded-lg border border-gray-200 bg-white">
            <h2 id="timeline-title" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
              {t('lead.timeline.title')}
            </h2>
            <div className="border-b border-gray-100 p-4">
              <NoteComposer leadId={lead.data.id} />
            </div>
            <div className="p-4">
              <Timeline leadId={lead.data.id} />
            </div>
          </section>
        </div>
      </div>
      {editing && <LeadEditDialog lead={lead.data} open onOpenChange={setEditing} />}
    </>
  );
}
