import { AlertTriangle } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDrop } from '../../../components/FileDrop';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useUploadDnd } from '../hooks/useDnd';
import { DndRun } from './DndRun';

/** Upload an NCPR list: add to the registry, or (ticked, with a warning) replace it whole. */
export function DndUpload() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const upload = useUploadDnd();
  const [replace, setReplace] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const replaceId = useId();
  const error = upload.error
    ? isApiError(upload.error) && upload.error.code.startsWith('IMPORT_FILE')
      ? `${message(upload.error)} (${upload.error.message.replace(/^file: /, '')})`
      : t('dnd.upload.uploadFailed', { message: message(upload.error) })
    : null;

  return (
    <section aria-labelledby="dnd-upload" className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-5">
      <div>
        <h2 id="dnd-upload" className="text-sm font-semibold text-gray-900">
          {t('dnd.upload.title')}
        </h2>
        <p className="mt-0.5 text-sm text-gray-600">{t('dnd.upload.description')}</p>
      </div>
      {runId ? (
        <>
          <DndRun id={runId} />
          <Button
            onClick={() => {
              setRunId(null);
              setReplace(false);
              upload.reset();
            }}
          >
            {t('dnd.upload.another')}
          </Button>
        </>
      ) : (
        <>
          <div className="space-y-2">
            <label htmlFor={replaceId} className="flex items-start gap-2 text-sm text-gray-900">
              <Checkbox id={replaceId} className="mt-0.5" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              <span>
                <span className="font-medium">{t('dnd.upload.replace')}</span>
                <span className="block text-xs text-gray-600">{t('dnd.upload.replaceHint')}</span>
              </span>
            </label>
            {replace && (
              <div role="alert" className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-300">
                <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
                <p>{t('dnd.upload.replaceWarning')}</p>
              </div>
            )}
          </div>
          <FileDrop
            busy={upload.isPending}
            busyText={upload.variables ? t('imports.upload.reading', { name: upload.variables.file.name }) : undefined}
            hint={t('dnd.upload.hint')}
            error={error}
            onFile={(file) => upload.mutate({ file, replace }, { onSuccess: ({ id }) => setRunId(id) })}
          />
        </>
      )}
    </section>
  );
}
