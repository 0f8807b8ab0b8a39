import type { ScriptStage } from '@telehub/shared';
import { ChevronLeft, ChevronRight, ScrollText } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { useShortcuts } from '../hooks/useShortcuts';
import { Kbd } from './Kbd';

/** A stage's words in the interface language; Hindi falls back to English where none was written. */
export const stageTitle = (s: ScriptStage, lng: string) => (lng === 'hi' && s.titleHi ? s.titleHi : s.title);
export const stageText = (s: ScriptStage, lng: string) => (lng === 'hi' && s.textHi ? s.textHi : s.text);

const tabClass =
  'relative -mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 hover:text-gray-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

/**
 * The campaign's script beside the call, one tab a stage. [ and ] step back and forth from
 * anywhere on the page (arrow keys too, once a tab has focus).
 */
export function ScriptPanel({ script }: { script: ScriptStage[] }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const [index, setIndex] = useState(0);
  const at = Math.min(index, script.length - 1);
  const go = (by: -1 | 1) => setIndex((i) => Math.min(script.length - 1, Math.max(0, Math.min(i, script.length - 1) + by)));

  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified) return false;
    if (e.key === '[') {
      go(-1);
      return true;
    }
    if (e.key === ']') {
      go(1);
      return true;
    }
    return false;
  }, script.length > 1);

  const current = script[at];
  if (!current) return null;
  return (
    <section aria-labelledby="ws-script-title" className="rounded-lg border border-gray-200 bg-white" data-script-stage={current.key}>
      <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-4 py-2.5">
        <h2 id="ws-script-title" className="flex items-center gap-2 text-sm font-semibold text-gray-900">
          <ScrollText aria-hidden className="size-4 text-indigo-600" />
          {t('workspace.script.title')}
        </h2>
        {/* One stage has nowhere to step to. */}
        {script.length > 1 && (
          <div className="flex items-center gap-1">
            <span className="mr-1 text-xs text-gray-600 tabular-nums">{t('workspace.script.position', { n: at + 1, total: script.length })}</span>
            <Button size="sm" variant="ghost" onClick={() => go(-1)} disabled={at === 0} aria-label={t('workspace.script.previous')} aria-keyshortcuts="[">
              <ChevronLeft aria-hidden className="size-4" />
              {/* Kbd is inline-flex itself, so the phone-only hiding sits on a wrapper (clsx does not merge classes). */}
              <span className="hidden sm:inline-flex">
                <Kbd decorative>[</Kbd>
              </span>
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => go(1)}
              disabled={at === script.length - 1}
              aria-label={t('workspace.script.next')}
              aria-keyshortcuts="]"
            >
              <span className="hidden sm:inline-flex">
                <Kbd decorative>]</Kbd>
              </span>
              <ChevronRight aria-hidden className="size-4" />
            </Button>
          </div>
        )}
      </div>
      <Tabs.Root
        value={current.key}
        onValueChange={(key) =>
          setIndex(
            Math.max(
              0,
              script.findIndex((s) => s.key === key),
            ),
          )
        }
      >
        <Tabs.List aria-label={t('workspace.script.stages')} className="flex gap-1 overflow-x-auto border-b border-gray-200 px-2">
          {script.map((s, i) => (
            <Tabs.Trigger key={s.key} value={s.key} className={tabClass}>
              <span className="mr-1 text-xs text-gray-500 tabular-nums">{i + 1}.</span>
              {stageTitle(s, lng)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {script.map((s) => (
          <Tabs.Content key={s.key} value={s.key} className="px-4 py-3 focus:outline-none">
            <p lang={lng === 'hi' && s.textHi ? 'hi' : 'en'} className="whitespace-pre-line text-[15px] leading-relaxed text-gray-900">
              {stageText(s, lng)}
            </p>
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </section>
  );
}
