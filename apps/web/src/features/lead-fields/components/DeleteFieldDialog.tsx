import type { LeadFieldDefinition } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { useDeleteLeadField } from '../hooks/useLeadFields';
import { fieldLabel } from './fieldValues';

export function DeleteFieldDialog({ field, onClose }: { field: LeadFieldDefinition; onClose: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const remove = useDeleteLeadField();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('leadFields.confirmDelete.title', { label: fieldLabel(field, lng) })}
      description={t('leadFields.confirmDelete.body')}
    >
      {remove.isError && <Alert>{message(remove.error)}</Alert>}
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(field.id, { onSuccess: onClose })}>
          {remove.isPending && <Spinner />}
          {t('leadFields.confirmDelete.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
