import type { LeadFieldDefinition } from '@telehub/shared';
import { ListPlus, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { DeleteFieldDialog } from '../components/DeleteFieldDialog';
import { FieldDialog, type FieldDraft } from '../components/FieldDialog';
import { FieldsList } from '../components/FieldsList';
import { FoundKeys } from '../components/FoundKeys';
import { guessType, humaniseKey } from '../components/fieldValues';
import { useLeadFields, useMoveLeadField, useUnknownLeadFields } from '../hooks/useLeadFields';

type Editing = { mode: 'create'; draft?: FieldDraft } | { mode: 'edit'; field: LeadFieldDefinition } | null;

/** Settings → Lead fields: the definitions in their order, and the keys found in the data waiting for one. */
export function LeadFieldsPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const fields = useLeadFields();
  const found = useUnknownLeadFields();
  const move = useMoveLeadField();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<LeadFieldDefinition | null>(null);

  const add = (
    <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
      <Plus aria-hidden className="size-4" />
      {t('leadFields.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('leadFields.title')} documentTitle={t('leadFields.title')} subtitle={t('leadFields.subtitle')} actions={add} />
      {move.isError && <Alert className="mb-4">{t('leadFields.moveFailed', { message: message(move.error) })}</Alert>}
      <section aria-label={t('leadFields.table.label')} className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={fields}
          errorTitle={t('leadFields.error')}
          skeletonRows={3}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={ListPlus} title={t('leadFields.empty.title')} body={t('leadFields.empty.body')} action={add} />}
        >
          {(d) => (
            <FieldsList
              fields={d.items}
              onMove={(field, order) => move.mutate({ id: field.id, order })}
              onEdit={(field) => setEditing({ mode: 'edit', field })}
              onDelete={setDeleting}
            />
          )}
        </QueryView>
      </section>

      <section aria-labelledby="found-keys-title" className="mt-6 overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <div className="border-b border-gray-200 px-4 py-3">
          <h2 id="found-keys-title" className="text-sm font-semibold text-gray-900">
            {t('leadFields.found.title')}
          </h2>
          {found.data && <p className="mt-0.5 text-xs text-gray-600">{t('leadFields.found.subtitle', { n: formatNumber(found.data.scanned, lng) })}</p>}
        </div>
        <QueryView query={found} errorTitle={t('leadFields.found.error')} skeletonRows={3}>
          {(d) => (
            <FoundKeys
              found={d}
              onDefine={(key, example) => setEditing({ mode: 'create', draft: { key, labelEn: humaniseKey(key), type: guessType(example) } })}
            />
          )}
        </QueryView>
      </section>

      {editing && (
        <FieldDialog
          field={editing.mode === 'edit' ? editing.field : undefined}
          draft={editing.mode === 'create' ? editing.draft : undefined}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteFieldDialog field={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
