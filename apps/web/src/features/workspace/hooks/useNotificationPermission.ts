import { useEffect } from 'react';

const ASKED = 'telehub.notifications.asked';

/**
 * Asks once, at the agent's first click on the desk, whether incoming calls may show as system
 * notifications (browsers allow the question only on a gesture). Not asked again once answered.
 */
export function useNotificationPermission() {
  useEffect(() => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    if (window.localStorage.getItem(ASKED)) return;
    const ask = () => {
      window.localStorage.setItem(ASKED, '1');
      void Notification.requestPermission().catch(() => undefined);
    };
    window.addEventListener('pointerdown', ask, { once: true });
    return () => window.removeEventListener('pointerdown', ask);
  }, []);
}
