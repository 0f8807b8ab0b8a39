import { BellRing } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useNotificationPermission } from '../hooks/useNotificationPermission';

/** Offers to show incoming calls as system notifications, until the agent has answered the browser's question. */
export function CallAlertsButton() {
  const { t } = useTranslation();
  const { permission, ask } = useNotificationPermission();
  if (permission !== 'default') return null;
  return (
    <Button variant="ghost" size="sm" onClick={ask} title={t('workspace.inbound.notifyHint')}>
      <BellRing aria-hidden className="size-4" />
      <span className="hidden sm:inline">{t('workspace.inbound.notifyAsk')}</span>
    </Button>
  );
}
