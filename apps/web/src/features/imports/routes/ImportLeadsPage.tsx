import type { ImportPreview } from '@telehub/shared';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FileDrop } from '../../../components/FileDrop';
import { PageHeader } from '../../../components/PageHeader';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { ImportRun } from '../components/ImportRun';
import { MappingStep } from '../components/MappingStep';
import { RecentImports } from '../components/RecentImports';
import { usePreviewImport } from '../hooks/useImports';

/**
 * Import leads in three steps: pick a file, match its columns, watch it run. The running import
 * lives in the address (?id=), so a reload or a link from the recent list shows its progress.
 */
export function ImportLeadsPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const importId = params.get('id');
  const upload = usePreviewImport();
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  const restart = () => {
    setPreview(null);
    upload.reset();
    setParams({});
  };

  // The file errors carry the server's specific reason ("the file is empty") after our words.
  const uploadError = upload.error
    ? isApiError(upload.error) && upload.error.code.startsWith('IMPORT_FILE')
      ? `${message(upload.error)} (${upload.error.message.replace(/^file: /, '')})`
      : t('imports.upload.failed', { message: message(upload.error) })
    : null;

  return (
    <>
      <Link to="/leads" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        {t('lead.back')}
      </Link>
      <PageHeader title={t('imports.title')} documentTitle={t('imports.title')} subtitle={t('imports.subtitle')} />
      <div className="space-y-5">
        {importId ? (
          <ImportRun id={importId} onAnother={restart} />
        ) : preview ? (
          <MappingStep
            preview={preview}
            onCancel={restart}
            onStarted={(id) => {
              setPreview(null);
              setParams({ id });
            }}
          />
        ) : (
          <FileDrop
            busy={upload.isPending}
            busyText={upload.variables ? t('imports.upload.reading', { name: upload.variables.name }) : undefined}
            hint={t('imports.upload.hint')}
            error={uploadError}
            onFile={(file) => upload.mutate(file, { onSuccess: setPreview })}
          />
        )}
        {!preview && <RecentImports />}
      </div>
    </>
  );
}
