import type { Abilities } from '@telehub/shared';
import { RotateCw, WifiOff } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { FullPageLoading } from '../../../components/FullPageStatus';
import { Forbidden } from '../../../components/NotFound';
import { Button } from '../../../components/ui/Button';
import { useCurrentUser, useSession } from '../hooks/useSession';
import { session } from '../session';

/** Renders its children for a signed-in user; otherwise sends them to sign-in and back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoading />;
  if (state.status === 'unavailable') {
    return (
      <div className="flex min-h-dvh items-center justify-center p-4">
        <EmptyState
          icon={WifiOff}
          title={t('app.unavailableTitle')}
          body={t('app.unavailableBody')}
          action={
            <Button onClick={() => void session.restore()}>
              <RotateCw aria-hidden className="size-4" />
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (state.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    const params = new URLSearchParams();
    if (next !== '/' && next !== '/sign-in') params.set('next', next);
    if (state.expired) params.set('expired', '1');
    const qs = params.toString();
    return <Navigate to={`/sign-in${qs ? `?${qs}` : ''}`} replace />;
  }
  return children;
}

/** Shows the page only when the user has the ability; the server enforces the same rule. */
export function RequireAbility({ ability, children }: { ability: keyof Abilities; children: ReactNode }) {
  const { abilities } = useCurrentUser();
  return abilities[ability] ? children : <Forbidden />;
}
