import type { CallWithLead } from '@telehub/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { NotFound } from '../../../components/NotFound';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/errors';
import { lanesFromTranscript, lineLength, TranscriptList, useCall, useCallAnalysis, useTranscript } from '../../calls';
import { useCampaign } from '../../campaigns';
import { CallQaSection } from '../../qa';
import { CallAnalytics, CallSection } from '../components/CallAnalytics';
import { CallHeader } from '../components/CallHeader';
import { CallPlayer } from '../components/CallPlayer';
import { activeUtterance, indexUtterances, startFromQuery } from '../components/playback';
import { usePlayback } from '../hooks/usePlayback';

/** A finished call replayed: the recording over both sides' speech, the transcript following it, what the analysis found. */
function CallReplay({ call, at }: { call: CallWithLead; at: number | null }) {
  const { t } = useTranslation();
  // The first `t` is where the page opens; a later one (a link on the page) plays from there.
  const [startMs] = useState(at ?? 0);
  const analysis = useCallAnalysis(call.id);
  const transcript = useTranscript(call.id);
  const campaign = useCampaign(call.campaignId);
  const playback = usePlayback(call.id, startMs, call.recordingAvailable);
  const player = useRef<HTMLElement>(null);
  const labels = useMemo(
    () => ({ agent: call.agentName ?? t('calls.transcript.agent'), lead: call.leadName || t('calls.transcript.lead') }),
    [call.agentName, call.leadName, t],
  );

  const segments = transcript.data;
  const index = useMemo(() => indexUtterances(segments ?? []), [segments]);
  const active = activeUtterance(index, playback.positionMs);
  const a = analysis.data?.status === 'done' ? analysis.data : null;
  // Measured on the recording when there is one; else drawn from when the transcript says each line was said.
  const measured = a?.timeline ?? null;
  const fromTranscript = useMemo(() => (measured ? null : lanesFromTranscript(segments ?? [])), [measured, segments]);
  const lanes = measured ?? fromTranscript;
  const lengthMs = lineLength({ mediaMs: playback.mediaMs, talkSeconds: call.durationSeconds, lanes });

  const { seek } = playback;
  const onSelect = useCallback((s: { startMs: number }) => seek(s.startMs, { play: true }), [seek]);
  const playFrom = useCallback(
    (ms: number) => {
      seek(ms, { play: true });
      player.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    },
    [seek],
  );
  // A link to another moment of this call (a QA answer's evidence) while on its page: go and play there.
  const lastJump = useRef(at);
  useEffect(() => {
    if (at === null || at === lastJump.current) return;
    lastJump.current = at;
    playFrom(at);
  }, [at, playFrom]);

  return (
    <>
      <CallHeader call={call} campaign={campaign.data?.name ?? null} sentiment={a?.sentiment.lead ?? null} />
      <div className="space-y-5">
        <section ref={player} aria-labelledby="call-player-title" className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <h2 id="call-player-title" className="sr-only">
            {t('callPage.sections.player')}
          </h2>
          <CallPlayer
            playback={playback}
            recordingAvailable={call.recordingAvailable}
            lanes={lanes}
            lanesFrom={measured ? 'recording' : fromTranscript ? 'transcript' : null}
            lengthMs={lengthMs}
            objections={a?.objections ?? []}
            labels={labels}
          />
        </section>
        <div className="grid items-start gap-5 lg:grid-cols-5">
          <CallSection title={t('calls.transcript.title')} className="lg:col-span-3">
            {transcript.isPending ? (
              <Skeleton className="h-40 w-full" />
            ) : transcript.isError ? (
              <ErrorState title={t('calls.transcript.error')} error={transcript.error} onRetry={() => void transcript.refetch()} />
            ) : transcript.data.length === 0 ? (
              <p className="text-sm text-gray-600">{t('calls.transcript.empty')}</p>
            ) : (
              <TranscriptList
                segments={transcript.data}
                agentLabel={labels.agent}
                leadLabel={labels.lead}
                label={t('calls.transcript.title')}
                activeSeq={active?.seq ?? null}
                onSelect={onSelect}
                className="max-h-[60vh] pr-1 lg:max-h-[36rem]"
              />
            )}
          </CallSection>
          <div className="min-w-0 space-y-5 lg:col-span-2">
            <CallAnalytics analysis={analysis} labels={labels} onSeek={playFrom} />
            <CallQaSection callId={call.id} agentId={call.agentId} />
          </div>
        </div>
      </div>
    </>
  );
}

/** `/calls/:id?t=<ms>`: one call, for whoever may see it (the server answers 404 otherwise). */
export function CallPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const call = useCall(id);

  if (call.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-4">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (call.isError) {
    // A malformed id is as missing as an unknown one; a call this person may not see answers 404 too.
    if (isApiError(call.error) && [400, 404].includes(call.error.status)) {
      return <NotFound title={t('callPage.notFound.title')} body={t('callPage.notFound.body')} />;
    }
    if (isApiError(call.error) && call.error.status === 403) {
      return <NotFound title={t('callPage.forbidden.title')} body={t('callPage.forbidden.body')} />;
    }
    return <ErrorState title={t('callPage.loadError')} error={call.error} onRetry={() => void call.refetch()} />;
  }
  return <CallReplay key={call.data.id} call={call.data} at={startFromQuery(params.get('t'))} />;
}
