import { Keyboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Kbd } from './Kbd';
import { KEY_LABELS } from './keyLabels';

export type WorkspacePhase = 'idle' | 'live' | 'wrapUp';

/** The keys that work right now, so nobody has to remember them (not on touch screens). */
export function ShortcutLegend({
  phase,
  dispositionKeys,
  canSkip,
  canDial = true,
  script = false,
}: {
  phase: WorkspacePhase;
  dispositionKeys: string;
  canSkip: boolean;
  /** false where the dialer places the calls. */
  canDial?: boolean;
  /** A script with stages to step through is on screen. */
  script?: boolean;
}) {
  const { t } = useTranslation();
  const phaseRows: { keys: string[]; label: string }[] =
    phase === 'idle'
      ? [
          ...(canDial ? [{ keys: [KEY_LABELS.space, 'D'], label: t('workspace.shortcuts.dial') }] : []),
          ...(canSkip ? [{ keys: ['S'], label: t('workspace.shortcuts.skip') }] : []),
        ]
      : phase === 'live'
        ? [{ keys: ['H', KEY_LABELS.esc], label: t('workspace.shortcuts.hangup') }]
        : [
            { keys: [dispositionKeys], label: t('workspace.shortcuts.outcome') },
            { keys: ['N'], label: t('workspace.shortcuts.notes') },
            { keys: [KEY_LABELS.enter], label: t('workspace.shortcuts.saveNext') },
            { keys: [KEY_LABELS.ctrlEnter], label: t('workspace.shortcuts.save') },
          ];
  const rows = script ? [...phaseRows, { keys: ['[', ']'], label: t('workspace.shortcuts.script') }] : phaseRows;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="ws-keys-title" className="hidden rounded-lg border border-gray-200 bg-white px-4 py-3 sm:block pointer-coarse:hidden!">
      <h2 id="ws-keys-title" className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-gray-600 uppercase">
        <Keyboard aria-hidden className="size-4" />
        {t('workspace.shortcuts.title')}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5 text-sm">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="flex items-center gap-1">
              {r.keys.map((k, i) => (
                <span key={k} className="flex items-center gap-1">
                  {i > 0 && <span className="text-xs text-gray-500">{t('workspace.shortcuts.or')}</span>}
                  <Kbd>{k}</Kbd>
                </span>
              ))}
            </dt>
            <dd className="text-gray-700">{r.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
