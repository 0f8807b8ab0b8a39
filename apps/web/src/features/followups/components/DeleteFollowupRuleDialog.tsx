import type { FollowupRule } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useDeleteFollowupRule } from '../hooks/useFollowups';

export function DeleteFollowupRuleDialog({ rule, onClose }: { rule: FollowupRule; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const remove = useDeleteFollowupRule();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('followups.deleteDialog.title', { name: rule.name })}
      description={t('followups.deleteDialog.body')}
    >
      {remove.isError && <Alert>{message(remove.error)}</Alert>}
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(rule.id, { onSuccess: onClose })}>
          {remove.isPending && <Spinner />}
          {t('followups.deleteDialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
