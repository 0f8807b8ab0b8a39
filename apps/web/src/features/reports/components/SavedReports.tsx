import { Bookmark, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { useReportFormat } from '../hooks/useReportFormat';
import { useSavedReports } from '../hooks/useSavedReports';
import { type Scope, stateFromParams } from './reportParams';
import { MAX_NAME } from './savedReports';

/**
 * Saved reports: the tab and filters on screen saved under a name, and the list to open or
 * delete them. Kept in this browser for the signed-in user only (see savedReports.ts).
 */
export function SavedReports({ userId, scope, search, onOpen }: { userId: string; scope: Scope; search: string; onOpen: (search: string) => void }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const saved = useSavedReports(userId);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return setError(t('reports.saved.nameRequired'));
    setError(undefined);
    saved.save(n, search);
    setDone(n);
    setName('');
  }

  const describe = (s: string) => {
    const st = stateFromParams(new URLSearchParams(s), scope);
    const period = st.period === 'custom' ? f.period({ from: st.from || st.to, to: st.to || st.from }) : t(`reports.periods.${st.period}`);
    return `${t(`reports.tabs.${st.tab}`)} · ${period}`;
  };

  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
          setDone(null);
        }}
      >
        <Bookmark aria-hidden className="size-4" />
        {t('reports.saved.button')}
        {saved.list.length > 0 && <span className="rounded-full bg-gray-100 px-1.5 text-xs text-gray-700 tabular-nums">{f.n(saved.list.length)}</span>}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t('reports.saved.title')} description={t('reports.saved.description')}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <Field label={t('reports.saved.name')} error={error} className="flex-1">
            {(p) => (
              <Input
                {...p}
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={MAX_NAME}
                placeholder={t('reports.saved.namePlaceholder')}
                autoComplete="off"
              />
            )}
          </Field>
          <Button type="submit" variant="primary" className="sm:mt-6">
            {t('reports.saved.save')}
          </Button>
        </form>
        {done && saved.kept && (
          <Alert tone="info" className="mt-3">
            {t('reports.saved.done', { name: done })}
          </Alert>
        )}
        {!saved.kept && <Alert className="mt-3">{t('reports.saved.notKept')}</Alert>}
        <div className="mt-5">
          {saved.list.length === 0 ? (
            <p className="text-sm text-gray-600">{t('reports.saved.empty')}</p>
          ) : (
            <ul aria-label={t('reports.saved.listLabel')} className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
              {saved.list.map((s) => (
                <li key={s.id} className="flex items-center gap-2 px-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-gray-900">{s.name}</p>
                    <p className="truncate text-xs text-gray-600">{describe(s.search)}</p>
                  </div>
                  <Button
                    size="sm"
                    onClick={() => {
                      onOpen(s.search);
                      setOpen(false);
                    }}
                  >
                    {t('reports.saved.open')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('reports.saved.delete', { name: s.name })}
                    title={t('reports.saved.delete', { name: s.name })}
                    onClick={() => saved.remove(s.id)}
                  >
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Dialog>
    </>
  );
}
