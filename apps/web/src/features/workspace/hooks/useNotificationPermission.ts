import { useState } from 'react';

type Permission = NotificationPermission | 'unsupported';

/**
 * Whether incoming calls may show as system notifications when the tab is in the background, and
 * a way to ask (browsers allow the question only on a click, and once answered it is not asked again).
 */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<Permission>(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  const ask = () => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission()
      .then(setPermission)
      .catch(() => undefined);
  };
  return { permission, ask };
}
