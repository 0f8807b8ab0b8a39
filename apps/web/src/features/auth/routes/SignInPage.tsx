import { useQuery } from '@tanstack/react-query';
import { SSO_ERRORS, type SsoError } from '@telehub/shared';
import { KeyRound, LogIn } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../../../components/Brand';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { isApiError } from '../../../lib/errors';
import { authApi, ssoStartUrl } from '../api/authApi';
import { useSession } from '../hooks/useSession';
import { session } from '../session';

/** Only same-app paths, so a crafted link cannot bounce the user to another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.pageTitle'));
  const state = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  // How one signs in here; if the server cannot say, the password form is offered.
  const options = useQuery({ queryKey: ['auth', 'options'], queryFn: ({ signal }) => authApi.options(signal), staleTime: 60_000, retry: 1 });
  const passwordOn = options.data?.password ?? !options.isPending;
  const sso = options.data?.sso.enabled ? options.data.sso : null;
  const ssoError = params.get('sso_error');

  if (state.status === 'signedIn' && !submitting) return <Navigate to={next} replace />;

  function describe(err: unknown): string {
    if (!isApiError(err)) return t('signIn.errors.generic', { message: err instanceof Error ? err.message : String(err) });
    if (err.code === 'NETWORK_ERROR') return t('signIn.errors.network');
    if (err.status === 429) return t('signIn.errors.rateLimited');
    if (err.code === 'ACCOUNT_DISABLED') return t('signIn.errors.disabled');
    if (err.code === 'PASSWORD_SIGNIN_DISABLED') return t('sso.errors.PASSWORD_SIGNIN_DISABLED');
    // A malformed email cannot match an account either; say the same thing.
    if (err.code === 'INVALID_CREDENTIALS' || err.code === 'VALIDATION_FAILED') return t('signIn.errors.invalidCredentials');
    return t('signIn.errors.generic', { message: err.message });
  }

  /** Why a sign-in through the identity provider came back here, from the code the server put in the link. */
  function describeSso(code: string): string {
    return (SSO_ERRORS as readonly string[]).includes(code) ? t(`sso.errors.${code as SsoError}`) : t('sso.errors.generic', { code: code.slice(0, 40) });
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signIn.errors.required'));
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      await session.signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(describe(err));
      setSubmitting(false);
    }
  }

  return (
    <div className="flex min-h-dvh flex-col bg-gray-50">
      <header className="flex items-center justify-between px-4 py-4 sm:px-6">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-12">
        <div className="w-full max-w-sm">
          <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-gray-200 sm:p-8">
            <h1 className="text-lg font-semibold text-gray-900">{t('signIn.heading')}</h1>
            <p className="mt-1 text-sm text-gray-600">{sso ? t(passwordOn ? 'sso.subtitle' : 'sso.onlySso') : t('signIn.subtitle')}</p>
            {params.get('expired') && !error && !ssoError && (
              <Alert tone="info" className="mt-4">
                {t('signIn.sessionEnded')}
              </Alert>
            )}
            {ssoError && !error && <Alert className="mt-4">{describeSso(ssoError)}</Alert>}
            {error && <Alert className="mt-4">{error}</Alert>}
            {options.isPending && (
              <div className="mt-6 flex justify-center" aria-busy="true">
                <Spinner />
              </div>
            )}
            {sso && (
              <div className="mt-5">
                <Button asChild variant={passwordOn ? 'secondary' : 'primary'} className="w-full">
                  <a href={ssoStartUrl(next)} onClick={() => setRedirecting(true)} aria-busy={redirecting}>
                    {redirecting ? <Spinner /> : <KeyRound aria-hidden className="size-4" />}
                    {redirecting ? t('sso.redirecting', { label: sso.label }) : t('sso.button', { label: sso.label })}
                  </a>
                </Button>
                {passwordOn && (
                  <p className="mt-5 flex items-center gap-3 text-xs text-gray-500 before:h-px before:flex-1 before:bg-gray-200 after:h-px after:flex-1 after:bg-gray-200">
                    {t('sso.or')}
                  </p>
                )}
              </div>
            )}
            {passwordOn && (
              <form className="mt-5 space-y-4" onSubmit={(e) => void onSubmit(e)} noValidate>
                <Field label={t('signIn.email')}>
                  {(p) => (
                    <Input
                      {...p}
                      type="email"
                      name="email"
                      autoComplete="username"
                      inputMode="email"
                      value={email}
                      onChange={(e) => setEmail(e.target.value)}
                    />
                  )}
                </Field>
                <Field label={t('signIn.password')}>
                  {(p) => (
                    <Input
                      {...p}
                      type="password"
                      name="password"
                      autoComplete="current-password"
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                  )}
                </Field>
                <Button type="submit" variant="primary" className="w-full" disabled={submitting}>
                  {submitting ? <Spinner /> : <LogIn aria-hidden className="size-4" />}
                  {submitting ? t('signIn.submitting') : t('signIn.submit')}
                </Button>
              </form>
            )}
          </div>
          <p className="mt-4 text-center text-xs text-gray-600">{t('app.tagline')}</p>
        </div>
      </main>
    </div>
  );
}
