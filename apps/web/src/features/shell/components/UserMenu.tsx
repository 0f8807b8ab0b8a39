import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { session, useCurrentUser } from '../../auth';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await session.signOut();
    } catch (err) {
      // Signed out here either way; the server revokes the session when next reachable or at expiry.
      console.error('sign-out request failed', err);
    }
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className="flex items-center gap-3">
      <div className="flex items-center gap-2.5">
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initials(user.name)}
        </span>
        <div className="hidden min-w-0 leading-tight sm:block">
          <p className="max-w-48 truncate text-sm font-medium text-gray-900" data-testid="current-user-name">
            {user.name}
          </p>
          <p className="text-xs text-gray-600">{t(`roles.${user.role}`)}</p>
        </div>
      </div>
      <Button variant="ghost" size="sm" onClick={() => void signOut()} disabled={busy} aria-label={t('account.signOut')}>
        <LogOut aria-hidden className="size-4" />
        <span className="hidden md:inline">{t('account.signOut')}</span>
      </Button>
    </div>
  );
}
