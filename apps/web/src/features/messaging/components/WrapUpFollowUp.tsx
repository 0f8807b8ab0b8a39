import type { MessageChannel } from '@telehub/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { useSendMessage } from '../hooks/useMessaging';
import { useMessagingError } from '../hooks/useMessagingError';
import { sendBody } from './messageForm';
import { complete, type Picked, TemplatePicker } from './TemplatePicker';

export type FollowUp = { on: boolean; channel: MessageChannel; picked: Picked | null };

/**
 * The wrap-up's optional follow-up: a template sent when the wrap-up is saved. `send` answers
 * false (and shows why) when it cannot go, so the wrap-up is not saved without it by surprise.
 */
export function useWrapUpFollowUp(leadId: string) {
  const [state, setState] = useState<FollowUp>({ on: false, channel: 'whatsapp', picked: null });
  const [problem, setProblem] = useState<string | null>(null);
  const message = useMessagingError();
  const { t } = useTranslation();
  const mutation = useSendMessage(leadId);
  async function send(): Promise<boolean> {
    if (!state.on) return true;
    if (!complete(state.picked)) {
      setProblem(t('messaging.send.fillAll'));
      return false;
    }
    try {
      await mutation.mutateAsync(sendBody(state.picked.choice, state.picked.values));
      setProblem(null);
      return true;
    } catch (err) {
      setProblem(message(err));
      return false;
    }
  }
  return { state, setState, problem, send, sending: mutation.isPending };
}

export function WrapUpFollowUp({ lead, followUp }: { lead: { name: string; phone: string }; followUp: ReturnType<typeof useWrapUpFollowUp> }) {
  const { t } = useTranslation();
  const id = useId();
  const { state, setState, problem } = followUp;
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
      <legend className="sr-only">{t('messaging.wrapUp.legend')}</legend>
      <label htmlFor={`${id}-on`} className="flex items-center gap-2 text-sm font-medium text-gray-800">
        <input
          id={`${id}-on`}
          type="checkbox"
          className="size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-500"
          checked={state.on}
          onChange={(e) => setState({ ...state, on: e.target.checked })}
        />
        {t('messaging.wrapUp.toggle')}
      </label>
      {state.on && (
        <TemplatePicker
          lead={{ name: lead.name, phone: lead.phone, city: null, email: undefined }}
          channel={state.channel}
          onChannel={(channel) => setState({ ...state, channel, picked: null })}
          picked={state.picked}
          onPicked={(picked) => setState({ ...state, picked })}
          idPrefix={`${id}-wrap`}
        />
      )}
      {problem && <Alert>{problem}</Alert>}
    </fieldset>
  );
}
