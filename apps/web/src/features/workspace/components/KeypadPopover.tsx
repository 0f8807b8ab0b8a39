import { DTMF_DIGITS } from '@telehub/shared';
import { Delete, Grid3x3 } from 'lucide-react';
import { Popover } from 'radix-ui';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/**
 * The keypad: tones are gathered (pressed here or typed) and sent together to the lead's line, so
 * an extension number goes in one go. `w` waits half a second, for an IVR that needs a moment.
 */
export function KeypadPopover({
  disabled,
  describedBy,
  sending,
  onSend,
}: {
  disabled: boolean;
  describedBy?: string;
  sending: boolean;
  onSend: (digits: string, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [digits, setDigits] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const id = useId();
  const valid = DTMF_DIGITS.test(digits);
  const press = (k: string) => {
    setSent(null);
    setDigits((d) => (d + k).slice(0, 32));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid || sending) return;
    const tones = digits;
    onSend(tones, () => {
      setSent(tones);
      setDigits('');
    });
  }

  return (
    <Popover.Root
      open={open && !disabled}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setSent(null);
      }}
    >
      <Popover.Trigger asChild>
        <Button className="h-11" disabled={disabled} aria-describedby={describedBy}>
          <Grid3x3 aria-hidden className="size-4" />
          {t('inCall.keypad')}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side="bottom"
          align="center"
          sideOffset={6}
          collisionPadding={8}
          aria-labelledby={`${id}-title`}
          className="z-50 max-h-[var(--radix-popover-content-available-height)] w-[min(18rem,calc(100vw-1rem))] overflow-y-auto rounded-lg bg-white p-3 shadow-xl ring-1 ring-gray-200 focus:outline-none"
        >
          <form onSubmit={submit} noValidate className="space-y-2.5" data-keypad>
            <div>
              <h3 id={`${id}-title`} className="text-sm font-semibold text-gray-900">
                {t('inCall.keys.title')}
              </h3>
              <p id={`${id}-hint`} className="mt-0.5 text-xs text-gray-600">
                {t('inCall.keys.hint')}
              </p>
            </div>
            <div>
              <label htmlFor={`${id}-digits`} className="block text-sm font-medium text-gray-800">
                {t('inCall.keys.digits')}
              </label>
              <div className="mt-1 flex gap-2">
                <Input
                  id={`${id}-digits`}
                  value={digits}
                  onChange={(e) => {
                    setSent(null);
                    setDigits(e.target.value.replace(/\s/g, '').slice(0, 32));
                  }}
                  inputMode="tel"
                  autoComplete="off"
                  maxLength={32}
                  aria-describedby={`${id}-hint${digits && !valid ? ` ${id}-invalid` : ''}`}
                  aria-invalid={digits !== '' && !valid}
                  className="min-w-0 flex-1 font-mono tracking-widest"
                />
                <Button onClick={() => setDigits((d) => d.slice(0, -1))} disabled={!digits} aria-label={t('inCall.keys.erase')}>
                  <Delete aria-hidden className="size-5" />
                </Button>
              </div>
              {digits !== '' && !valid && (
                <p id={`${id}-invalid`} className="mt-1 text-xs text-red-700">
                  {t('inCall.keys.invalid')}
                </p>
              )}
            </div>
            <div className="grid grid-cols-3 gap-1.5">
              {KEYS.map((k) => (
                <Button key={k} className="h-8 font-mono text-base" onClick={() => press(k)}>
                  {k}
                </Button>
              ))}
            </div>
            <div className="grid grid-cols-3 gap-1.5">
              <Button className="h-9" onClick={() => press('w')}>
                {t('inCall.keys.pause')}
              </Button>
              <Button type="submit" variant="primary" className="col-span-2 h-9" disabled={!valid || sending}>
                {sending && <Spinner />}
                {sending ? t('inCall.keys.sending') : t('inCall.keys.send')}
              </Button>
            </div>
            {/* Kept on screen empty, so the confirmation is announced when it comes. */}
            <p role="status" className="text-xs text-emerald-700">
              {sent ? t('inCall.keys.sent', { digits: sent }) : ''}
            </p>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
