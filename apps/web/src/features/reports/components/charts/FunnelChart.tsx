import { Fragment } from 'react';
import { PALETTE } from './scale';

export type FunnelStep = {
  key: string;
  label: string;
  value: number;
  /** The count in words ("641 leads"). */
  valueText: string;
  /** What is known of the step beside its count (share of the one before, time taken). */
  notes: string[];
  /** The button's name for screen readers: the step, its figures and what a click does. */
  actionLabel: string;
};

/** Width of a bar in percent of the widest, never so thin that a step with leads disappears. */
const widthOf = (value: number, max: number) => (max > 0 ? (value > 0 ? Math.max(2, (value / max) * 100) : 0) : 0);

/**
 * Stages as centred bars narrowing from the first, joined by a pale band; each stage is a button
 * (its words wrap, so long Hindi labels are never squeezed) that opens what is behind it.
 */
export function FunnelChart({ steps, summary, onSelect }: { steps: FunnelStep[]; summary: string; onSelect: (key: string) => void }) {
  const max = Math.max(0, ...steps.map((s) => s.value));
  return (
    <figure aria-label={summary} className="m-0">
      {steps.map((step, i) => {
        const w = widthOf(step.value, max);
        const prev = steps[i - 1];
        const pw = prev ? widthOf(prev.value, max) : w;
        return (
          <Fragment key={step.key}>
            {i > 0 && (
              <svg aria-hidden viewBox="0 0 100 10" preserveAspectRatio="none" className="mx-1 block h-3 w-[calc(100%-0.5rem)]">
                <polygon points={`${(100 - pw) / 2},0 ${(100 + pw) / 2},0 ${(100 + w) / 2},10 ${(100 - w) / 2},10`} fill={PALETTE[0]} fillOpacity={0.14} />
              </svg>
            )}
            <button
              type="button"
              onClick={() => onSelect(step.key)}
              aria-label={step.actionLabel}
              className="group block w-full rounded-md px-1 py-1 text-left hover:bg-gray-50 focus-visible:bg-gray-50"
              data-stage={step.key}
            >
              <span className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-0.5 pb-1">
                <span className="text-sm">
                  <span className="font-semibold text-gray-900">{step.label}</span>{' '}
                  <span className="font-semibold text-gray-900 tabular-nums">{step.valueText}</span>
                </span>
                {step.notes.length > 0 && <span className="text-xs text-gray-600 tabular-nums">{step.notes.join(' · ')}</span>}
              </span>
              <svg aria-hidden viewBox="0 0 100 10" preserveAspectRatio="none" className="block h-7 w-full">
                <rect x={0} y={0} width={100} height={10} className="fill-gray-50 group-hover:fill-gray-100" />
                {w > 0 && <rect x={(100 - w) / 2} y={0} width={w} height={10} fill={PALETTE[0]} />}
              </svg>
            </button>
          </Fragment>
        );
      })}
    </figure>
  );
}
