import { type BulkUserCredential, BulkUsersResult } from '@telehub/shared';
import { CheckCircle2, Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDrop, type FileKind } from '../../../components/FileDrop';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { isApiError } from '../../../lib/errors';
import { formatPhone } from '../../../lib/format';
import { useBulkInvite } from '../hooks/useUserMutations';

const TEMPLATE = 'name,email,role,team,phone,languages\nAnita Rao,anita@example.com,telecaller,Alpha,98765 43210,hi;en\n';
const MAX_BYTES = 1_000_000;

/** Quotes a CSV cell when it must be, and keeps a spreadsheet from reading it as a formula. */
const cell = (v: string) => {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function saveText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Step = { kind: 'pick' } | { kind: 'preview'; file: string; csv: string; result: BulkUsersResult } | { kind: 'done'; credentials: BulkUserCredential[] };

/** Upload a CSV, see every row checked (with its problems), confirm; then the temporary passwords, once. */
export function BulkInviteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const bulk = useBulkInvite();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const kind: FileKind = {
    extensions: ['.csv', '.txt'],
    accept: '.csv,.txt,text/csv',
    title: t('users.bulk.dropTitle'),
    wrongType: (name) => t('users.bulk.wrongType', { name }),
  };

  async function onFile(file: File) {
    setError(null);
    if (file.size > MAX_BYTES) return setError(t('users.bulk.readError'));
    let csv: string;
    try {
      csv = await file.text();
    } catch {
      return setError(t('users.bulk.readError'));
    }
    bulk.mutate(
      { csv, dryRun: true },
      { onSuccess: (result) => setStep({ kind: 'preview', file: file.name, csv, result }), onError: (err) => setError(message(err)) },
    );
  }

  function onCreate(csv: string, file: string) {
    setError(null);
    bulk.mutate(
      { csv, dryRun: false },
      {
        onSuccess: (result) => setStep({ kind: 'done', credentials: result.credentials }),
        onError: (err) => {
          // Someone was added meanwhile: show the fresh check rather than a bare message.
          if (isApiError(err)) {
            const fresh = BulkUsersResult.safeParse({ dryRun: true, created: 0, rows: err.extra.rows, errors: err.extra.errors, credentials: [] });
            if (fresh.success) setStep({ kind: 'preview', file, csv, result: fresh.data });
          }
          setError(message(err));
        },
      },
    );
  }

  function downloadPasswords(credentials: BulkUserCredential[]) {
    const lines = ['name,email,temporary password', ...credentials.map((c) => [c.name, c.email, c.temporaryPassword].map(cell).join(','))];
    saveText('telehub-temporary-passwords.csv', `${lines.join('\n')}\n`);
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !bulk.isPending && onClose()}
      title={t('users.bulk.title')}
      description={step.kind === 'done' ? undefined : t('users.bulk.description')}
      className="max-w-4xl"
    >
      {step.kind === 'pick' && (
        <div className="space-y-3">
          <FileDrop
            onFile={(f) => void onFile(f)}
            busy={bulk.isPending}
            busyText={t('users.bulk.checking')}
            hint={t('users.bulk.columnsHint')}
            error={error}
            kind={kind}
          />
          <Button variant="ghost" size="sm" onClick={() => saveText('telehub-users-template.csv', TEMPLATE)}>
            <Download aria-hidden className="size-4" />
            {t('users.bulk.template')}
          </Button>
        </div>
      )}
      {step.kind === 'preview' && (
        <Preview step={step} error={error} busy={bulk.isPending} onAnother={() => setStep({ kind: 'pick' })} onCreate={onCreate} onClose={onClose} />
      )}
      {step.kind === 'done' && (
        <div className="space-y-4">
          <p className="flex items-center gap-2 text-sm font-medium text-emerald-800">
            <CheckCircle2 aria-hidden className="size-5" />
            {t('users.bulk.created', { count: step.credentials.length })}
          </p>
          <Alert tone="info">{t('users.bulk.passwordsNote')}</Alert>
          <div className="max-h-80 overflow-auto rounded-md ring-1 ring-gray-200">
            <table className="w-full text-sm" aria-label={t('users.bulk.passwordsLabel')}>
              <thead className="bg-gray-50 text-left text-xs text-gray-600">
                <tr>
                  <th className="px-3 py-2 font-medium">{t('users.bulk.columns.person')}</th>
                  <th className="px-3 py-2 font-medium">{t('users.bulk.temporaryPassword')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {step.credentials.map((c) => (
                  <tr key={c.id}>
                    <td className="px-3 py-2">
                      <p className="font-medium text-gray-900">{c.name}</p>
                      <p className="text-xs break-all text-gray-600">{c.email}</p>
                    </td>
                    <td className="px-3 py-2 font-mono whitespace-nowrap text-gray-900">{c.temporaryPassword}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DialogActions>
            <Button onClick={() => downloadPasswords(step.credentials)}>
              <Download aria-hidden className="size-4" />
              {t('users.bulk.downloadPasswords')}
            </Button>
            <Button variant="primary" onClick={onClose}>
              {t('users.bulk.done')}
            </Button>
          </DialogActions>
        </div>
      )}
    </Dialog>
  );
}

function Preview({
  step,
  error,
  busy,
  onAnother,
  onCreate,
  onClose,
}: {
  step: { file: string; csv: string; result: BulkUsersResult };
  error: string | null;
  busy: boolean;
  onAnother: () => void;
  onCreate: (csv: string, file: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { rows, errors } = step.result;
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.message]);
  // Problems with the file itself (no header, not CSV) belong to no person's row.
  const fileProblems = errors.filter((e) => !rows.some((r) => r.row === e.row));
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800">{t('users.bulk.fileSummary', { count: rows.length, file: step.file })}</p>
      {errors.length > 0 ? <Alert>{t('users.bulk.problems', { count: errors.length })}</Alert> : <Alert tone="info">{t('users.bulk.allValid')}</Alert>}
      {fileProblems.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-700">
          {fileProblems.map((e) => (
            <li key={`${e.row}-${e.field}-${e.message}`}>{t('users.bulk.fileProblem', { row: e.row, message: e.message })}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        // Wide on a phone: the table scrolls inside its box, never the page.
        <div className="max-h-[50dvh] overflow-auto rounded-md ring-1 ring-gray-200">
          <table className="w-full min-w-[40rem] text-sm" aria-label={t('users.bulk.previewLabel')}>
            <thead className="sticky top-0 bg-gray-50 text-left text-xs text-gray-600">
              <tr>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.row')}</th>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.person')}</th>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.role')}</th>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.team')}</th>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.phone')}</th>
                <th className="px-3 py-2 font-medium">{t('users.bulk.columns.check')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {rows.map((r) => {
                const problems = byRow.get(r.row);
                return (
                  <tr key={r.row} className={cn(problems && 'bg-red-50/60')}>
                    <td className="px-3 py-2 text-gray-600 tabular-nums">{r.row}</td>
                    <td className="px-3 py-2">
                      <p className="font-medium text-gray-900">{r.name || '—'}</p>
                      <p className="text-xs break-all text-gray-600">{r.email || '—'}</p>
                    </td>
                    <td className="px-3 py-2 text-gray-800">{r.role}</td>
                    <td className="px-3 py-2 text-gray-800">{r.teamName ?? '—'}</td>
                    <td className="px-3 py-2 whitespace-nowrap text-gray-800">{r.phone ? formatPhone(r.phone) : '—'}</td>
                    <td className="px-3 py-2">
                      {problems ? (
                        <ul className="space-y-0.5 text-xs text-red-700">
                          {problems.map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-xs font-medium text-emerald-700">{t('users.bulk.rowOk')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button onClick={onAnother} disabled={busy}>
          {t('users.bulk.another')}
        </Button>
        {errors.length === 0 && rows.length > 0 && (
          <Button variant="primary" disabled={busy} onClick={() => onCreate(step.csv, step.file)}>
            {busy && <Spinner />}
            {busy ? t('users.bulk.creating') : t('users.bulk.create', { count: rows.length })}
          </Button>
        )}
      </DialogActions>
    </div>
  );
}
