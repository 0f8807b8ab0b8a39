import type { AssignmentRule } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useDeleteRule } from '../hooks/useAssignment';

export function DeleteRuleDialog({ rule, onClose }: { rule: AssignmentRule; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const remove = useDeleteRule();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('assignment.confirmDelete.title', { name: rule.name })}
      description={t('assignment.confirmDelete.body')}
    >
      {remove.isError && <Alert>{message(remove.error)}</Alert>}
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(rule.id, { onSuccess: onClose })}>
          {remove.isPending && <Spinner />}
          {t('assignment.confirmDelete.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
