import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Textarea } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useNow } from '../../../hooks/useNow';
import { useSendMessage } from '../hooks/useMessaging';
import { useMessagingError } from '../hooks/useMessagingError';

/** Hours and minutes left, e.g. "3 h 12 min". */
export function windowLeft(closesAt: string, now: number): { hours: number; minutes: number } | null {
  const ms = Date.parse(closesAt) - now;
  if (ms <= 0) return null;
  const minutes = Math.ceil(ms / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** The window's countdown, read out as text. */
export function WindowCountdown({ closesAt }: { closesAt: string | null }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const left = closesAt ? windowLeft(closesAt, now) : null;
  return (
    <p className={left ? 'text-xs text-emerald-800' : 'text-xs text-gray-600'} data-testid="window-countdown">
      {left ? t('messaging.window.open', left) : t('messaging.window.closed')}
    </p>
  );
}

/** A free-form WhatsApp reply, offered only while the 24-hour window is open. */
export function ReplyBox({ leadId, closesAt }: { leadId: string; closesAt: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const message = useMessagingError();
  const send = useSendMessage(leadId);
  const [text, setText] = useState('');
  const now = useNow(30_000);
  const open = closesAt !== null && windowLeft(closesAt, now) !== null;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    send.mutate({ channel: 'whatsapp', text: text.trim() }, { onSuccess: () => setText('') });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <WindowCountdown closesAt={closesAt} />
      {open && (
        <>
          <label htmlFor={`${id}-reply`} className="sr-only">
            {t('messaging.reply.label')}
          </label>
          <Textarea
            id={`${id}-reply`}
            rows={2}
            maxLength={4096}
            value={text}
            placeholder={t('messaging.reply.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
          {send.isError && <Alert>{message(send.error)}</Alert>}
          <div className="flex justify-end">
            <Button type="submit" size="sm" variant="primary" disabled={send.isPending || !text.trim()}>
              {send.isPending && <Spinner />}
              {t('messaging.reply.send')}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
