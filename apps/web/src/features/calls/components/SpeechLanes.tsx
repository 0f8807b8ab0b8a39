import type { ReactNode, Ref } from 'react';
import { cn } from '../../../lib/cn';
import { type Lanes, spanBoxes } from './timelineGeometry';

const SIDES = [
  { side: 'agent', color: 'bg-indigo-500' },
  { side: 'lead', color: 'bg-emerald-500' },
] as const;

/**
 * Both sides' speech over the call, one lane each (agent above, lead below): who spoke when, where
 * they overlapped, where the line was quiet. `markers` is a row drawn above the lanes and `children`
 * lie over them (a playhead), both on the same scale.
 */
export function SpeechLanes({
  lanes,
  lengthMs,
  labels,
  size = 'sm',
  markers,
  children,
  trackRef,
}: {
  lanes: Lanes;
  lengthMs: number;
  labels: { lead: string; agent: string };
  size?: 'sm' | 'md';
  markers?: ReactNode;
  children?: ReactNode;
  trackRef?: Ref<HTMLDivElement>;
}) {
  const lane = size === 'md' ? 'h-5' : 'h-3';
  return (
    <div className="flex min-w-0 gap-2">
      <div className="flex w-20 shrink-0 flex-col gap-1 text-xs text-gray-600">
        {markers && <span aria-hidden className="h-3" />}
        {SIDES.map(({ side }) => (
          <span key={side} className={cn('flex items-center truncate', lane)}>
            {labels[side]}
          </span>
        ))}
      </div>
      <div ref={trackRef} className="relative flex min-w-0 flex-1 flex-col gap-1">
        {markers && <div className="relative h-3">{markers}</div>}
        {SIDES.map(({ side, color }) => (
          <div key={side} data-lane={side} className={cn('relative rounded bg-gray-100', lane)}>
            {spanBoxes(lanes[side], lengthMs).map((b) => (
              <span key={`${b.left}-${b.width}`} className={cn('absolute inset-y-0 rounded-sm', color)} style={{ left: `${b.left}%`, width: `${b.width}%` }} />
            ))}
          </div>
        ))}
        {children}
      </div>
    </div>
  );
}
