import type { TranscriptSegment } from '@telehub/shared';
import { type KeyboardEvent, memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';
import { scrollToShow } from './scrollToShow';

/** Close enough to the bottom that new lines should scroll into view. */
const STICK_PX = 48;
/** After the reader scrolls the list themselves, it stops following the playback for this long. */
const HOLD_MS = 4000;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/**
 * Who said what, in order. While live it follows new lines, unless the reader has scrolled up
 * to read back. In a replay (`activeSeq`) it marks the line being spoken and keeps it in view,
 * unless the reader is scrolling; with `onSelect` each line is a button that goes to it.
 */
export const TranscriptList = memo(function TranscriptList({
  segments,
  agentLabel,
  leadLabel,
  live = false,
  className,
  label,
  activeSeq,
  onSelect,
}: {
  segments: TranscriptSegment[];
  agentLabel: string;
  leadLabel: string;
  live?: boolean;
  className?: string;
  label: string;
  activeSeq?: number | null;
  onSelect?: (segment: TranscriptSegment) => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const readerScrolledAt = useRef(0);

  useEffect(() => {
    const el = box.current;
    if (el && live && stick.current && segments.length > 0) el.scrollTop = el.scrollHeight;
  }, [segments.length, live]);

  useEffect(() => {
    const el = box.current;
    if (!el || live || activeSeq === null || activeSeq === undefined || Date.now() - readerScrolledAt.current < HOLD_MS) return;
    const item = el.querySelector<HTMLElement>(`[data-seq="${activeSeq}"]`);
    if (!item) return;
    const itemRect = item.getBoundingClientRect();
    const top = scrollToShow(
      { top: itemRect.top - el.getBoundingClientRect().top + el.scrollTop, height: itemRect.height },
      { scrollTop: el.scrollTop, height: el.clientHeight },
    );
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (top !== null) el.scrollTo({ top, behavior: calm ? 'auto' : 'smooth' });
  }, [activeSeq, live]);

  const readerScrolls = () => {
    readerScrolledAt.current = Date.now();
  };

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
      onWheel={readerScrolls}
      onTouchMove={readerScrolls}
      onPointerDown={(e) => {
        // The scrollbar itself (a press on a line is a choice, not a scroll).
        if (e.target === e.currentTarget) readerScrolls();
      }}
      onKeyDown={(e: KeyboardEvent) => {
        if (SCROLL_KEYS.has(e.key)) readerScrolls();
      }}
      className={cn('space-y-2 overflow-y-auto', className)}
    >
      {segments.map((s) => {
        const agent = s.speaker === 'agent';
        const active = s.seq === activeSeq;
        const bubble = cn(
          'max-w-[85%] rounded-lg px-3 py-1.5 text-sm [overflow-wrap:anywhere]',
          agent ? 'rounded-tl-sm bg-indigo-50 text-indigo-950' : 'rounded-tr-sm bg-gray-100 text-gray-900',
          active && 'ring-2 ring-amber-400',
        );
        const lang = s.language === 'hi' ? 'hi' : s.language === 'hinglish' ? 'hi-Latn' : 'en';
        return (
          <li key={s.seq} data-seq={s.seq} aria-current={active ? 'true' : undefined} className={cn('flex flex-col', agent ? 'items-start' : 'items-end')}>
            <span className="mb-0.5 flex items-center gap-1.5 text-[11px] text-gray-600">
              <span className="font-semibold text-gray-700">{agent ? agentLabel : leadLabel}</span>
              <span aria-hidden>·</span>
              <span className="tabular-nums">{formatClock(s.startMs / 1000)}</span>
              {s.language !== 'en' && <span className="rounded bg-gray-100 px-1 text-gray-600">{t(`calls.language.${s.language}`)}</span>}
            </span>
            {onSelect ? (
              <button
                type="button"
                lang={lang}
                onClick={() => {
                  // Choosing a line hands the scrolling back to the playback.
                  readerScrolledAt.current = 0;
                  onSelect(s);
                }}
                className={cn(bubble, 'text-left hover:ring-2 hover:ring-indigo-200', active && 'hover:ring-amber-400')}
              >
                {s.text}
              </button>
            ) : (
              <p lang={lang} className={bubble}>
                {s.text}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
});
