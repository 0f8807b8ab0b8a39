import type { SentimentLabel } from '@telehub/shared';

/** Text-on-tint pairs for a sentiment badge (AA contrast). */
export const SENTIMENT_TONE: Record<SentimentLabel, string> = {
  positive: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  neutral: 'bg-gray-100 text-gray-700 ring-gray-200',
  negative: 'bg-rose-50 text-rose-700 ring-rose-200',
};
