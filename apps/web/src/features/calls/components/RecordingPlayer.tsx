import { Play } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useRecording } from '../hooks/useRecording';

/** A play button that fetches the recording when pressed, then the browser's own player. */
export function RecordingPlayer({ callId, label }: { callId: string; label: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { state, load } = useRecording(callId);

  if (state.kind === 'ready') {
    // biome-ignore lint/a11y/useMediaCaption: the transcript beside the player is the text of the recording.
    return <audio controls autoPlay src={state.url} aria-label={label} className="h-9 w-full max-w-sm" />;
  }
  return (
    <div className="space-y-2">
      <Button size="sm" onClick={() => void load()} disabled={state.kind === 'loading'} aria-label={label}>
        {state.kind === 'loading' ? <Spinner /> : <Play aria-hidden className="size-4" />}
        {state.kind === 'loading' ? t('calls.recording.loading') : t('calls.recording.play')}
      </Button>
      {state.kind === 'failed' && <Alert>{t('calls.recording.failed', { message: message(state.error) })}</Alert>}
    </div>
  );
}
