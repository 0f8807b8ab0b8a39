import type { Battlecard, ObjectionType } from '@telehub/shared';
import { Languages, PenLine } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { cn } from '../../../lib/cn';

/**
 * One objection in the grid: its card (or, for a campaign without its own, the default one it
 * falls back to, dimmed), whether it has Hindi, and the button that opens the editor.
 */
export function BattlecardTile({
  objection,
  card,
  fallback,
  forCampaign,
  onEdit,
}: {
  objection: ObjectionType;
  card?: Battlecard;
  fallback?: Battlecard;
  forCampaign: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const shown = card ?? fallback;
  const state = card ? (forCampaign ? 'own' : null) : fallback ? 'usesDefault' : 'none';
  const label = t(`battlecards.objections.${objection}`);
  return (
    <article
      aria-label={label}
      className={cn('flex h-full flex-col rounded-lg border bg-white p-4 shadow-xs', card ? 'border-gray-200' : 'border-dashed border-gray-300 bg-gray-50/60')}
    >
      <header className="flex items-start justify-between gap-2">
        <h2 className="text-xs font-semibold tracking-wide text-gray-500 uppercase">{label}</h2>
        {shown && (
          <span
            className={cn(
              'inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium',
              shown.title.hi ? 'bg-green-50 text-green-800' : 'bg-gray-100 text-gray-600',
            )}
          >
            <Languages aria-hidden className="size-3" />
            {shown.title.hi ? t('battlecards.tile.hindi') : t('battlecards.tile.noHindi')}
          </span>
        )}
      </header>
      {shown ? (
        <div className={cn('mt-2 min-w-0 flex-1', !card && 'opacity-70')}>
          <p className="font-medium text-gray-900">{shown.title.en}</p>
          {shown.title.hi && (
            <p lang="hi" className="text-sm text-gray-700">
              {shown.title.hi}
            </p>
          )}
          <p className="mt-1 line-clamp-3 text-sm text-gray-600">{shown.body.en}</p>
        </div>
      ) : (
        <p className="mt-2 flex-1 text-sm text-gray-600">{t('battlecards.tile.none')}</p>
      )}
      <footer className="mt-3 flex flex-wrap items-center justify-between gap-2">
        {state && <span className={cn('text-xs', state === 'own' ? 'text-indigo-700' : 'text-gray-500')}>{t(`battlecards.tile.${state}`)}</span>}
        <Button
          size="sm"
          className="ml-auto"
          onClick={onEdit}
          aria-label={`${card ? t('battlecards.tile.edit') : forCampaign ? t('battlecards.tile.customise') : t('battlecards.tile.write')}: ${label}`}
        >
          <PenLine aria-hidden className="size-4" />
          {card ? t('battlecards.tile.edit') : forCampaign ? t('battlecards.tile.customise') : t('battlecards.tile.write')}
        </Button>
      </footer>
    </article>
  );
}
