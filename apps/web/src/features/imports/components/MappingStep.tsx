import type { ImportPreview, StartImportBody } from '@telehub/shared';
import { FileSpreadsheet, Play } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { formatBytes } from '../../../lib/format';
import { useCampaigns } from '../../campaigns';
import { useStartImport } from '../hooks/useImports';
import { MappingEditor } from './MappingEditor';
import { initialMapping, type MappingErrors, type MappingState, serverMappingErrors, toMapping } from './mapping';
import { PreviewTable } from './PreviewTable';

const SOURCE = /^[\w.-]{1,60}$/;

/** Step two: check the columns, name the source, pick a campaign, start. */
export function MappingStep({ preview, onCancel, onStarted }: { preview: ImportPreview; onCancel: () => void; onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const campaigns = useCampaigns();
  const start = useStartImport();
  const [mapping, setMapping] = useState<MappingState>(() => initialMapping(preview.suggestedMapping, preview.headers));
  const [source, setSource] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [errors, setErrors] = useState<MappingErrors & { source?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  function validate() {
    const found: MappingErrors & { source?: string } = {};
    if (!mapping.phone) found.phone = t('imports.mapping.phoneRequired');
    if (!mapping.name && !mapping.firstName && !mapping.lastName) found.name = t('imports.mapping.nameRequired');
    if (source.trim() && !SOURCE.test(source.trim())) found.source = t('imports.mapping.sourceInvalid');
    return found;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: StartImportBody = { mapping: toMapping(mapping), ...(source.trim() ? { source: source.trim() } : {}), ...(campaignId ? { campaignId } : {}) };
    start.mutate(
      { id: preview.id, body },
      {
        onSuccess: (status) => onStarted(status.id),
        onError: (err) => {
          if (isApiError(err) && err.code === 'IMPORT_MAPPING_INVALID' && err.details.length > 0) {
            setErrors(serverMappingErrors(err.details));
            setFormError(message(err));
          } else if (isApiError(err) && err.detailFor('source')) setErrors({ source: err.detailFor('source') });
          else setFormError(t('imports.mapping.failed', { message: message(err) }));
        },
      },
    );
  }

  const campaignOptions = [
    { value: NONE, label: t('imports.mapping.campaignNone') },
    ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <section aria-labelledby="mapping-title" className="rounded-lg border border-gray-200 bg-white">
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id="mapping-title" className="text-sm font-semibold text-gray-900">
              {t('imports.mapping.title')}
            </h2>
            <p className="mt-0.5 text-xs text-gray-600">{t('imports.mapping.description')}</p>
          </div>
          <p className="flex items-center gap-1.5 text-sm text-gray-700">
            <FileSpreadsheet aria-hidden className="size-4 text-gray-500" />
            <span className="font-medium text-gray-900 [overflow-wrap:anywhere]">{preview.filename}</span>
            <span>· {formatBytes(preview.sizeBytes, lng)}</span>
            <span>· {t('imports.mapping.columns', { count: preview.headers.length })}</span>
          </p>
        </div>
        <div className="p-4">
          <MappingEditor
            preview={preview}
            mapping={mapping}
            errors={errors}
            onChange={(field, header) => {
              setMapping((m) => ({ ...m, [field]: header }));
              setErrors((e) => ({ ...e, [field]: undefined }));
            }}
          />
        </div>
      </section>
      <PreviewTable preview={preview} mapping={mapping} />
      <section aria-label={t('imports.mapping.optionsLabel')} className="rounded-lg border border-gray-200 bg-white p-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('imports.mapping.source')} hint={t('imports.mapping.sourceHint')} error={errors.source} optional={t('common.optional')}>
            {(p) => <Input {...p} value={source} placeholder="file" maxLength={60} onChange={(e) => setSource(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label={t('imports.mapping.campaign')} optional={t('common.optional')}>
            {(p) => <Select {...p} value={campaignId || NONE} onValueChange={(v) => setCampaignId(v === NONE ? '' : v)} options={campaignOptions} />}
          </Field>
        </div>
        {formError && <Alert className="mt-4">{formError}</Alert>}
        <div className="mt-4 flex flex-col-reverse gap-2 border-t border-gray-100 pt-4 sm:flex-row sm:justify-end">
          <Button onClick={onCancel}>{t('imports.mapping.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={start.isPending}>
            {start.isPending ? <Spinner /> : <Play aria-hidden className="size-4" />}
            {start.isPending ? t('imports.mapping.starting') : t('imports.mapping.start')}
          </Button>
        </div>
      </section>
    </form>
  );
}
