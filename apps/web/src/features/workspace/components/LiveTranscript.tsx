import type { CallWithLead } from '@telehub/shared';
import { isTerminalStatus } from '@telehub/shared';
import { AudioLines } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { TranscriptList, useCallTranscript } from '../../calls';

/**
 * What is being said on the call, line by line as the provider transcribes it (over the socket).
 * It stays through the wrap-up, so the last words still arrive.
 */
export function LiveTranscript({ call }: { call: CallWithLead }) {
  const { t } = useTranslation();
  const live = !isTerminalStatus(call.status);
  const transcript = useCallTranscript(call.id);
  const segments = transcript.segments;
  return (
    <section aria-labelledby="ws-transcript-title" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="ws-transcript-title" className="flex items-center gap-2 border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        <AudioLines aria-hidden className="size-4 text-indigo-600" />
        {live ? t('calls.transcript.live') : t('calls.transcript.title')}
      </h2>
      {transcript.error && segments.length === 0 ? (
        <ErrorState title={t('calls.transcript.error')} error={transcript.error} onRetry={transcript.retry} />
      ) : segments.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-gray-600">{live ? t('calls.transcript.waiting') : t('calls.transcript.empty')}</p>
      ) : (
        <TranscriptList
          segments={segments}
          live={live}
          agentLabel={t('calls.transcript.you')}
          leadLabel={call.leadName || t('calls.transcript.lead')}
          label={t('calls.transcript.title')}
          className="max-h-72 p-4 lg:max-h-80"
        />
      )}
    </section>
  );
}
