import type { DuplicatePair } from '@telehub/shared';
import { useTranslation } from 'react-i18next';

export function ReasonBadges({ reasons }: { reasons: DuplicatePair['reasons'] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-1">
      {reasons.map((r) => (
        <li key={r} className="whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
          {t(`duplicates.reasons.${r}`)}
        </li>
      ))}
    </ul>
  );
}
