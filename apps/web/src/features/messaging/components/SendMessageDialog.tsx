import type { MessageChannel } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useSendMessage } from '../hooks/useMessaging';
import { useMessagingError } from '../hooks/useMessagingError';
import type { LeadForPrefill } from './messageForm';
import { sendBody } from './messageForm';
import { complete, type Picked, TemplatePicker } from './TemplatePicker';

/** Mount it when opening: choose the channel and template, fill the variables, see the preview, send. */
export function SendMessageDialog({ lead, onClose }: { lead: LeadForPrefill & { id: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessagingError();
  const send = useSendMessage(lead.id);
  const [channel, setChannel] = useState<MessageChannel>('whatsapp');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [missing, setMissing] = useState(false);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!complete(picked)) {
      setMissing(true);
      return;
    }
    send.mutate(sendBody(picked.choice, picked.values), { onSuccess: onClose });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={t('messaging.send.title', { name: lead.name })} description={t('messaging.send.description')}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TemplatePicker
          lead={lead}
          channel={channel}
          onChannel={setChannel}
          picked={picked}
          onPicked={(p) => {
            setPicked(p);
            setMissing(false);
          }}
          idPrefix="dialog"
        />
        {missing && <Alert>{t('messaging.send.fillAll')}</Alert>}
        {send.isError && <Alert>{message(send.error)}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={send.isPending || picked === null}>
            {send.isPending && <Spinner />}
            {t('messaging.send.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
