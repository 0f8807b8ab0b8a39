import type { CallAnalysis } from '@telehub/shared';
import { Pause, Play } from 'lucide-react';
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';
import { type Lanes, msAtFraction, percentAt, SpeechLanes } from '../../calls';
import type { Playback } from '../hooks/usePlayback';
import { keyMove } from './playback';

const NO_LANES: Lanes = { lead: [], agent: [] };

/**
 * The call on a line under the player: both sides' speech, the objections the lead raised, the
 * playhead. A slider: a click or a drag goes there; Space plays and pauses, the arrows step.
 */
function PlaybackTimeline({
  playback,
  lanes,
  lengthMs,
  objections,
  labels,
}: {
  playback: Playback;
  lanes: Lanes | null;
  lengthMs: number;
  objections: CallAnalysis['objections'];
  labels: { lead: string; agent: string };
}) {
  const { t } = useTranslation();
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const { positionMs, seek, toggle } = playback;

  const seekAt = (clientX: number) => {
    const r = track.current?.getBoundingClientRect();
    if (r && r.width > 0) seek(msAtFraction((clientX - r.left) / r.width, lengthMs));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekAt(e.clientX);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = keyMove(e.key, { shift: e.shiftKey, positionMs, lengthMs });
    if (move === null) return;
    e.preventDefault();
    if (move === 'toggle') toggle();
    else seek(move);
  };

  const at = Math.min(positionMs, lengthMs);
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={t('callPage.player.position')}
      aria-valuemin={0}
      aria-valuemax={Math.round(lengthMs / 1000)}
      aria-valuenow={Math.round(at / 1000)}
      aria-valuetext={t('callPage.player.at', { at: formatClock(at / 1000), length: formatClock(lengthMs / 1000) })}
      aria-keyshortcuts="Space ArrowLeft ArrowRight Home End"
      onPointerDown={onPointerDown}
      onPointerMove={(e) => dragging.current && seekAt(e.clientX)}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={onKeyDown}
      className="cursor-pointer touch-none rounded-md py-1 select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <SpeechLanes
        lanes={lanes ?? NO_LANES}
        lengthMs={lengthMs}
        labels={labels}
        size="md"
        trackRef={track}
        markers={objections.map((o) => (
          <span
            key={`${o.type}-${o.atMs}`}
            data-objection={o.handled ? 'answered' : 'unanswered'}
            title={`${t(`assist.objection.${o.type}`)} · ${o.handled ? t('calls.analysis.answered') : t('calls.analysis.unanswered')}`}
            className={cn('absolute top-0 size-3 -translate-x-1/2 rotate-45 rounded-[2px]', o.handled ? 'bg-emerald-600' : 'bg-amber-500')}
            style={{ left: `${percentAt(o.atMs, lengthMs)}%` }}
          />
        ))}
      >
        <span aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-gray-900" style={{ left: `${percentAt(at, lengthMs)}%` }}>
          <span className="absolute -top-1 left-1/2 size-2.5 -translate-x-1/2 rounded-full bg-gray-900" />
        </span>
      </SpeechLanes>
    </div>
  );
}

/**
 * The recording with the call drawn under it. The play button fetches the recording the first
 * time; without one (or one this person may not hear) the line still marks a place in the call.
 */
export function CallPlayer({
  playback,
  recordingAvailable,
  lanes,
  lanesFrom,
  lengthMs,
  objections,
  labels,
}: {
  playback: Playback;
  recordingAvailable: boolean;
  lanes: Lanes | null;
  /** Where the lanes come from: measured on the recording, or the transcript's times. */
  lanesFrom: 'recording' | 'transcript' | null;
  lengthMs: number;
  objections: CallAnalysis['objections'];
  labels: { lead: string; agent: string };
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { recording, playing, toggle, rate, nextRate, audioProps, positionMs } = playback;
  const loading = recording.kind === 'loading';
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        {recordingAvailable ? (
          <>
            <Button variant="primary" onClick={toggle} disabled={loading} aria-label={playing ? t('callPage.player.pause') : t('callPage.player.play')}>
              {loading ? <Spinner /> : playing ? <Pause aria-hidden className="size-4" /> : <Play aria-hidden className="size-4" />}
              {loading ? t('calls.recording.loading') : playing ? t('callPage.player.pause') : t('callPage.player.play')}
            </Button>
            <Button variant="ghost" size="sm" onClick={nextRate} aria-label={t('callPage.player.rate', { rate })}>
              {`${rate}×`}
            </Button>
          </>
        ) : (
          <p className="text-sm text-gray-600">{t('callPage.player.noRecording')}</p>
        )}
        <p className="ml-auto text-sm text-gray-700 tabular-nums" data-position-ms={Math.round(positionMs)}>
          {formatClock(Math.min(positionMs, lengthMs) / 1000)} / {formatClock(lengthMs / 1000)}
        </p>
      </div>
      {recording.kind === 'failed' && <Alert>{t('calls.recording.failed', { message: message(recording.error) })}</Alert>}
      <audio {...audioProps} aria-label={t('callPage.player.audio')} />
      <PlaybackTimeline playback={playback} lanes={lanes} lengthMs={lengthMs} objections={objections} labels={labels} />
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600">
        {objections.length > 0 && (
          <>
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden className="size-2.5 rotate-45 rounded-[2px] bg-emerald-600" />
              {t('callPage.player.objectionAnswered')}
            </span>
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden className="size-2.5 rotate-45 rounded-[2px] bg-amber-500" />
              {t('callPage.player.objectionUnanswered')}
            </span>
          </>
        )}
        {lanesFrom === 'transcript' && <span>{t('callPage.player.lanesFromTranscript')}</span>}
        {lanesFrom === null && <span>{t('callPage.player.noLanes')}</span>}
        <span className="hidden sm:inline">{t('callPage.player.keys')}</span>
      </div>
    </div>
  );
}
