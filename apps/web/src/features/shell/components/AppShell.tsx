import { Menu, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Brand } from '../../../components/Brand';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useCurrentUser } from '../../auth';
import { NavList } from './NavList';
import { UserMenu } from './UserMenu';

/** Sidebar at desktop widths; below `lg` it becomes a drawer behind a menu button. */
export function AppShell() {
  const { t } = useTranslation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { user } = useCurrentUser();

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('app.skipToContent')}
      </a>

      <aside className="fixed inset-y-0 left-0 hidden w-56 flex-col border-r border-gray-200 bg-white lg:flex">
        <div className="flex h-14 items-center border-b border-gray-200 px-4">
          <Link to="/" className="rounded">
            <Brand />
          </Link>
        </div>
        <NavList />
      </aside>

      <Dialog.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-gray-900/40 lg:hidden" />
          <Dialog.Content
            aria-describedby={undefined}
            className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl focus:outline-none lg:hidden"
          >
            <div className="flex h-14 items-center justify-between border-b border-gray-200 px-4">
              <Dialog.Title asChild>
                <span>
                  <Brand />
                </span>
              </Dialog.Title>
              <Dialog.Close className="rounded p-1 text-gray-500 hover:bg-gray-100" aria-label={t('nav.closeMenu')}>
                <X aria-hidden className="size-5" />
              </Dialog.Close>
            </div>
            <NavList onNavigate={() => setDrawerOpen(false)} />
            <div className="space-y-3 border-t border-gray-200 p-4">
              <div className="leading-tight">
                <p className="truncate text-sm font-medium text-gray-900">{user.name}</p>
                <p className="text-xs text-gray-600">{t(`roles.${user.role}`)}</p>
              </div>
              <LanguageSwitch />
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>

      <div className="lg:pl-56">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-gray-200 bg-white/95 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            className="-ml-1 rounded p-1.5 text-gray-600 hover:bg-gray-100 lg:hidden"
            aria-label={t('nav.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          >
            <Menu aria-hidden className="size-5" />
          </button>
          <Link to="/" className="rounded lg:hidden">
            <Brand />
          </Link>
          <div className="ml-auto flex items-center gap-4">
            <LanguageSwitch className="hidden sm:flex" />
            <UserMenu />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1400px] px-4 py-5 focus:outline-none sm:px-6 lg:py-6">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
