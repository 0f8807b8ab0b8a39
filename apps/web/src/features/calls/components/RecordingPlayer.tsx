import { Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { callsApi } from '../api/callsApi';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'failed'; error: unknown };

/** Fetched with the bearer token only when asked for (every listen is audited), then played from memory. */
export function RecordingPlayer({ callId, label }: { callId: string; label: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const url = state.kind === 'ready' ? state.url : null;

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  async function load() {
    setState({ kind: 'loading' });
    try {
      const blob = await callsApi.recording(callId);
      setState({ kind: 'ready', url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

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
