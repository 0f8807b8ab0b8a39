import type { TranscriptSegment } from '@telehub/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';

/** Close enough to the bottom that new lines should scroll into view. */
const STICK_PX = 48;

/**
 * Who said what, in order. While live it follows new lines, unless the reader has scrolled up
 * to read back.
 */
export function TranscriptList({
  segments,
  agentLabel,
  leadLabel,
  live = false,
  className,
  label,
}: {
  segments: TranscriptSegment[];
  agentLabel: string;
  leadLabel: string;
  live?: boolean;
  className?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && live && stick.current && segments.length > 0) el.scrollTop = el.scrollHeight;
  }, [segments.length, live]);

  return (
    <ol
      ref={box}
      aria-label={label}
      aria-live={live ? 'polite' : undefined}
      aria-relevant={live ? 'additions' : undefined}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
      className={cn('space-y-2 overflow-y-auto', className)}
    >
      {segments.map((s) => {
        const agent = s.speaker === 'agent';
        return (
          <li key={s.seq} className={cn('flex flex-col', agent ? 'items-start' : 'items-end')}>
            <span className="mb-0.5 flex items-center gap-1.5 text-[11px] text-gray-600">
              <span className="font-semibold text-gray-700">{agent ? agentLabel : leadLabel}</span>
              <span aria-hidden>·</span>
              <span className="tabular-nums">{formatClock(s.startMs / 1000)}</span>
              {s.language !== 'en' && <span className="rounded bg-gray-100 px-1 text-gray-600">{t(`calls.language.${s.language}`)}</span>}
            </span>
            <p
              lang={s.language === 'hi' ? 'hi' : s.language === 'hinglish' ? 'hi-Latn' : 'en'}
              className={cn(
                'max-w-[85%] rounded-lg px-3 py-1.5 text-sm [overflow-wrap:anywhere]',
                agent ? 'rounded-tl-sm bg-indigo-50 text-indigo-950' : 'rounded-tr-sm bg-gray-100 text-gray-900',
              )}
            >
              {s.text}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
