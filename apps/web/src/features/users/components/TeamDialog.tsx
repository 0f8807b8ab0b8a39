import type { Team, User } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useSaveTeam } from '../hooks/useUserMutations';

export function TeamDialog({ team, users, onClose }: { team?: Team; users: User[]; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveTeam();
  const [name, setName] = useState(team?.name ?? '');
  const [managerId, setManagerId] = useState(team?.managerId ?? '');
  const [errors, setErrors] = useState<{ name?: string; managerId?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const managers = users.filter((u) => (u.active && (u.role === 'manager' || u.role === 'admin')) || u.id === team?.managerId);
  const managerOptions = [
    { value: NONE, label: t('teams.noManager') },
    ...managers.sort((a, b) => a.name.localeCompare(b.name)).map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
  ];

  function onError(err: Error) {
    if (isApiError(err) && err.code === 'TEAM_NAME_TAKEN') return setErrors({ name: message(err) });
    if (isApiError(err) && err.code === 'TEAM_MANAGER_INVALID') return setErrors({ managerId: message(err) });
    if (isApiError(err) && err.detailFor('name')) return setErrors({ name: err.detailFor('name') });
    setFormError(message(err));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (!name.trim()) return setErrors({ name: t('teams.form.nameRequired') });
    setErrors({});
    const manager = managerId || null;
    if (team) {
      const update = { ...(name.trim() !== team.name ? { name: name.trim() } : {}), ...(manager !== team.managerId ? { managerId: manager } : {}) };
      if (Object.keys(update).length === 0) return onClose();
      save.mutate({ id: team.id, update }, { onSuccess: onClose, onError });
    } else {
      save.mutate({ create: { name: name.trim(), managerId: manager } }, { onSuccess: onClose, onError });
    }
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={team ? t('teams.form.editTitle') : t('teams.form.createTitle')}
      description={t('teams.form.description')}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label={t('teams.form.name')} error={errors.name}>
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" />}
        </Field>
        <Field label={t('teams.form.manager')} error={errors.managerId}>
          {(p) => <Select {...p} value={managerId || NONE} onValueChange={(v) => setManagerId(v === NONE ? '' : v)} options={managerOptions} />}
        </Field>
        {formError && <Alert className="mt-2">{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {save.isPending ? t('common.saving') : team ? t('common.save') : t('teams.form.submitCreate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
