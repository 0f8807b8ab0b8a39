import { LANGUAGES, type Language, ROLES, type Role, type Team, type UpdateUserBody, type User } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useSaveUser } from '../hooks/useUserMutations';
import { LanguageCheckboxes } from './LanguageCheckboxes';

type Form = { name: string; email: string; role: Role; password: string; phone: string; teamId: string; languages: Language[] };
type FieldKey = 'name' | 'email' | 'password' | 'phone' | 'role' | 'teamId';
type Errors = Partial<Record<FieldKey, string>>;

const emailSchema = z.email();
const isLanguage = (v: string): v is Language => (LANGUAGES as readonly string[]).includes(v);
const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

function initial(user: User | undefined): Form {
  return {
    name: user?.name ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'telecaller',
    password: '',
    phone: user?.phone ?? '',
    teamId: user?.teamId ?? '',
    languages: (user?.languages ?? ['hi', 'en']).filter(isLanguage),
  };
}

/**
 * Create a user (no `user`) or edit one. Mounted when opened, so it starts fresh each time.
 * Deactivating is its own action (the work they hold is handed over), not a field here.
 */
export function UserDialog({ user, teams, onClose }: { user?: User; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveUser();
  const [form, setForm] = useState<Form>(() => initial(user));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const editing = Boolean(user);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  function validate(): Errors {
    const e: Errors = {};
    if (!form.name.trim()) e.name = t('users.form.nameRequired');
    if (!editing && !emailSchema.safeParse(form.email.trim()).success) e.email = t('users.form.emailInvalid');
    if ((!editing || form.password) && form.password.length < 10) e.password = t('users.form.passwordShort');
    return e;
  }

  function updateBody(u: User): UpdateUserBody {
    const body: UpdateUserBody = {};
    if (form.name.trim() !== u.name) body.name = form.name.trim();
    if (form.role !== u.role) body.role = form.role;
    if ((form.teamId || null) !== u.teamId) body.teamId = form.teamId || null;
    if (form.phone.trim() !== (u.phone ?? '')) body.phone = form.phone.trim() || null;
    if ([...form.languages].sort().join() !== [...u.languages].sort().join()) body.languages = form.languages;
    if (form.password) body.password = form.password;
    return body;
  }

  function onError(err: Error) {
    if (isApiError(err)) {
      if (err.code === 'USER_EMAIL_TAKEN') return setErrors({ email: message(err) });
      if (err.code === 'INVALID_PHONE') return setErrors({ phone: message(err) });
      const fieldErrors: Errors = {};
      for (const key of ['name', 'email', 'password', 'phone', 'role', 'teamId'] as const) {
        const detail = err.detailFor(key);
        if (detail) fieldErrors[key] = detail;
      }
      if (Object.keys(fieldErrors).length > 0) return setErrors(fieldErrors);
    }
    setFormError(message(err));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    if (user) {
      const body = updateBody(user);
      if (Object.keys(body).length === 0) return onClose();
      save.mutate({ id: user.id, update: body }, { onSuccess: onClose, onError });
    } else {
      save.mutate(
        {
          create: {
            name: form.name.trim(),
            email: form.email.trim(),
            role: form.role,
            password: form.password,
            phone: form.phone.trim() || undefined,
            teamId: form.teamId || null,
            languages: form.languages,
          },
        },
        { onSuccess: onClose, onError },
      );
    }
  }

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const teamOptions = [{ value: NONE, label: t('users.noTeam') }, ...teams.map((tm) => ({ value: tm.id, label: tm.name }))];

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={user ? t('users.form.editTitle', { name: user.name }) : t('users.form.createTitle')}
      description={user ? t('users.form.editDescription') : t('users.form.createDescription')}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label={t('users.form.name')} error={errors.name}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={120} autoComplete="off" />}
        </Field>
        {editing ? (
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-gray-800">{t('users.form.email')}</p>
            <p className="text-sm text-gray-700">{form.email}</p>
          </div>
        ) : (
          <Field label={t('users.form.email')} error={errors.email}>
            {(p) => <Input {...p} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} maxLength={254} autoComplete="off" />}
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('users.form.role')} error={errors.role}>
            {(p) => <Select {...p} value={form.role} onValueChange={(v) => isRole(v) && set('role', v)} options={roleOptions} />}
          </Field>
          <Field label={t('users.form.team')} error={errors.teamId}>
            {(p) => <Select {...p} value={form.teamId || NONE} onValueChange={(v) => set('teamId', v === NONE ? '' : v)} options={teamOptions} />}
          </Field>
        </div>
        <Field
          label={editing ? t('users.form.newPassword') : t('users.form.password')}
          hint={editing ? t('users.form.newPasswordHint') : t('users.form.passwordHint')}
          error={errors.password}
          optional={editing ? t('common.optional') : undefined}
        >
          {(p) => (
            <Input {...p} type="password" value={form.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" maxLength={200} />
          )}
        </Field>
        <Field label={t('users.form.phone')} error={errors.phone} optional={t('common.optional')}>
          {(p) => <Input {...p} type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} maxLength={32} autoComplete="off" />}
        </Field>
        <LanguageCheckboxes legend={t('users.form.languages')} value={form.languages} onChange={(v) => set('languages', v)} />
        {formError && <Alert className="mt-2">{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {save.isPending ? t('common.saving') : editing ? t('common.save') : t('users.form.submitCreate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
