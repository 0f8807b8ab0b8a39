import type { AssistCard, BilingualText } from '@telehub/shared';
import { BookOpen, CheckCircle2, Circle, Lightbulb, MessageSquareWarning, ShieldAlert, Smile, Sparkles } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { assistApi } from '../api/assistApi';
import { useAssistCards } from '../hooks/useAssistCards';

/** The words of a card in the interface language: Hindi where written, else English. */
function useText() {
  const { i18n } = useTranslation();
  const hindi = i18n.language.startsWith('hi');
  return (b: BilingualText) => (hindi && b.hi ? b.hi : b.en);
}

/** Nudges first (they need acting on now), then the objection and its reply, then answers, then the rest. */
const ORDER: Record<AssistCard['kind'], number> = { nudge: 0, objection: 1, suggestion: 2, knowledge: 3, script: 4, sentiment: 5 };

const TONE: Record<AssistCard['kind'], string> = {
  nudge: 'border-amber-300 bg-amber-50',
  objection: 'border-rose-300 bg-rose-50',
  suggestion: 'border-emerald-300 bg-emerald-50',
  knowledge: 'border-sky-300 bg-sky-50',
  script: 'border-gray-200 bg-white',
  sentiment: 'border-gray-200 bg-white',
};

const ICON = { nudge: ShieldAlert, objection: MessageSquareWarning, suggestion: Lightbulb, knowledge: BookOpen, script: CheckCircle2, sentiment: Smile };

/**
 * Help during a call, as the lead speaks: the objection with its battlecard, answers from the
 * knowledge base, the script checklist, the lead's mood, and compliance nudges. The agent can ask
 * for a reply to say next (R); a manager watching the call sees the same cards.
 */
export function AssistPanel({ callId, live, canSuggest, suggestSignal = 0 }: { callId: string; live: boolean; canSuggest: boolean; suggestSignal?: number }) {
  const { t } = useTranslation();
  const text = useText();
  const message = useErrorMessage();
  const assist = useAssistCards(callId);
  const [asking, setAsking] = useState(false);
  const [askError, setAskError] = useState<unknown>(null);
  const seen = useRef(suggestSignal);
  // The page's shortcut (R) asks through the signal: each new value is one request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new signal asks
  useEffect(() => {
    if (suggestSignal === seen.current) return;
    seen.current = suggestSignal;
    if (canSuggest && live && !asking) void suggest();
  }, [suggestSignal]);
  const cards = [...assist.cards].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.createdAt.localeCompare(a.createdAt));

  async function suggest() {
    setAsking(true);
    setAskError(null);
    try {
      assist.add(await assistApi.suggest(callId));
    } catch (err) {
      setAskError(err);
    } finally {
      setAsking(false);
    }
  }

  return (
    <section aria-labelledby="assist-title" className="rounded-lg border border-gray-200 bg-white" data-testid="assist-panel">
      <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
        <h2 id="assist-title" className="flex items-center gap-2 text-sm font-semibold text-gray-900">
          <Sparkles aria-hidden className="size-4 text-indigo-600" />
          {t('assist.title')}
        </h2>
        {canSuggest && live && (
          <Button size="sm" variant="secondary" onClick={suggest} disabled={asking} aria-keyshortcuts="R" data-testid="assist-suggest">
            {asking ? <Spinner className="size-4" /> : <Lightbulb aria-hidden className="size-4" />}
            {t('assist.suggest')}
          </Button>
        )}
      </div>
      {askError !== null && <Alert className="m-3">{t('assist.suggestFailed', { message: message(askError) })}</Alert>}
      {assist.error && cards.length === 0 ? (
        <ErrorState title={t('assist.error')} error={assist.error} onRetry={assist.retry} />
      ) : cards.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-gray-600">{live ? t('assist.waiting') : t('assist.none')}</p>
      ) : (
        <ul aria-live="polite" className="max-h-[28rem] space-y-2 overflow-y-auto p-3">
          {cards.map((c) => (
            <li key={c.key}>
              <CardView card={c} text={text} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CardView({ card, text }: { card: AssistCard; text: (b: BilingualText) => string }) {
  const { t } = useTranslation();
  const Icon = ICON[card.kind];
  return (
    <article className={cn('rounded-md border p-3', TONE[card.kind])} data-card-kind={card.kind} data-card-key={card.key}>
      <header className="flex items-start justify-between gap-2">
        <h3 className="flex items-center gap-1.5 text-sm font-semibold text-gray-900">
          <Icon aria-hidden className="size-4 shrink-0" />
          {text(card.title)}
        </h3>
        {card.objection && (
          <span className="shrink-0 rounded-full bg-white/70 px-2 py-0.5 text-xs text-gray-700">
            {t(`assist.objection.${card.objection.type}`)} · {Math.round(card.objection.confidence * 100)}%
          </span>
        )}
      </header>
      {card.kind === 'script' && card.checklist ? (
        <>
          {card.stage && <p className="mt-1 text-xs text-gray-600">{t('assist.stage', { stage: text(card.stage.title) })}</p>}
          <ol className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
            {card.checklist.map((c) => (
              <li key={c.checkpoint} className={cn('flex items-center gap-1.5 text-xs', c.done ? 'text-emerald-700' : 'text-gray-600')}>
                {c.done ? <CheckCircle2 aria-hidden className="size-3.5" /> : <Circle aria-hidden className="size-3.5" />}
                <span>{t(`assist.checkpoint.${c.checkpoint}`)}</span>
                <span className="sr-only">{c.done ? t('assist.done') : t('assist.notYet')}</span>
              </li>
            ))}
          </ol>
        </>
      ) : card.kind === 'sentiment' && card.trend ? (
        <div className="mt-2 flex items-end gap-3">
          <p className="text-sm text-gray-800">{text(card.body)}</p>
          <Trend values={card.trend} />
        </div>
      ) : (
        <p className="mt-1 text-sm whitespace-pre-line text-gray-800">{text(card.body)}</p>
      )}
    </article>
  );
}

/** The lead's recent scores as small bars around a middle line: above is positive, below negative. */
function Trend({ values }: { values: number[] }) {
  const { t } = useTranslation();
  return (
    <svg
      role="img"
      aria-label={t('assist.trend', { values: values.map((v) => v.toFixed(1)).join(', ') })}
      viewBox={`0 0 ${values.length * 8} 24`}
      className="h-6 w-28"
    >
      <line x1="0" x2={values.length * 8} y1="12" y2="12" stroke="#d1d5db" strokeWidth="1" />
      {values.map((v, i) => {
        const h = Math.max(1, Math.abs(v) * 11);
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: positions in a fixed window
            key={i}
            x={i * 8 + 1}
            width="6"
            y={v >= 0 ? 12 - h : 12}
            height={h}
            className={v >= 0.15 ? 'fill-emerald-500' : v <= -0.15 ? 'fill-rose-500' : 'fill-gray-400'}
          />
        );
      })}
    </svg>
  );
}
