import type { User } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useCurrentUser } from '../../auth';
import { useDeactivateUser } from '../hooks/useUserMutations';
import { useHoldings } from '../hooks/useUserPage';
import { useUsers } from '../hooks/useUsers';

const POOL = 'pool';
const UNCHOSEN = '__unchosen__';

/**
 * Deactivating someone: what they hold (open leads, callbacks) and who takes it over, a colleague
 * or the unassigned pool; the server moves it with the deactivation. A manager hands work only
 * within the team; an admin to anyone active.
 */
export function DeactivateDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { user: me } = useCurrentUser();
  const holdings = useHoldings(user.id);
  const everyone = useUsers();
  const deactivate = useDeactivateUser();
  const [choice, setChoice] = useState(UNCHOSEN);
  const [pickError, setPickError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const held = holdings.data?.holdings ?? {};
  const openLeads = held.openLeads ?? 0;
  const callbacks = held.callbacks ?? 0;
  const holdsWork = Object.values(held).some((n) => n > 0);
  const sameTeamOnly = me.role !== 'admin';
  const receivers = (everyone.data?.items ?? [])
    .filter((u) => u.active && u.id !== user.id && (!sameTeamOnly || u.teamId === user.teamId))
    // Their own team first: the likeliest colleagues.
    .sort((a, b) => Number(b.teamId === user.teamId) - Number(a.teamId === user.teamId) || a.name.localeCompare(b.name));
  const options = [
    { value: UNCHOSEN, label: t('users.deactivate.choose') },
    ...(user.teamId ? [{ value: POOL, label: t('users.deactivate.pool'), hint: t('users.deactivate.poolHint') }] : []),
    ...receivers.map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
  ];

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (holdsWork && choice === UNCHOSEN) return setPickError(t('users.deactivate.pickRequired'));
    const handOverTo = choice === UNCHOSEN || choice === POOL ? null : choice;
    deactivate.mutate({ id: user.id, handOverTo }, { onSuccess: (r) => onDone(r.user), onError: (err) => setFormError(message(err)) });
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('users.deactivate.title', { name: user.name })}
      description={t('users.deactivate.description', { name: user.name })}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {holdings.isPending ? (
          <p className="flex items-center gap-2 text-sm text-gray-700" aria-live="polite">
            <Spinner /> {t('users.deactivate.checking')}
          </p>
        ) : holdings.isError ? (
          <Alert>{message(holdings.error)}</Alert>
        ) : holdsWork ? (
          <p className="text-sm text-gray-800">
            {t('users.deactivate.holds', {
              leads: t('users.deactivate.openLeads', { count: openLeads }),
              callbacks: t('users.deactivate.callbacks', { count: callbacks }),
            })}
          </p>
        ) : (
          <p className="text-sm text-gray-700">{t('users.deactivate.holdsNothing')}</p>
        )}
        {holdsWork && (
          <Field label={t('users.deactivate.handOverTo')} hint={sameTeamOnly ? t('users.deactivate.sameTeamHint') : undefined} error={pickError ?? undefined}>
            {(p) => (
              <Select
                {...p}
                value={choice}
                onValueChange={(v) => {
                  setChoice(v);
                  setPickError(null);
                }}
                options={options}
              />
            )}
          </Field>
        )}
        {choice === POOL && <p className="text-xs text-gray-600">{t('users.deactivate.poolHint')}</p>}
        {formError && <Alert>{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="danger" disabled={deactivate.isPending || holdings.isPending}>
            {deactivate.isPending && <Spinner />}
            {deactivate.isPending ? t('users.deactivate.submitting') : t('users.deactivate.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
