import { ChevronDown, type LucideIcon } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { BREAK_PRESETS } from './presenceWords';

const MAX_REASON = 60;

/**
 * A break (or a campaign pause) with its reason: a preset from the menu, or one typed in.
 * Presets travel as their code and show in the reader's language; a typed reason shows as typed.
 */
export function BreakMenu({
  label,
  icon: Icon,
  className,
  pressed,
  disabled,
  onPick,
}: {
  label: string;
  icon: LucideIcon;
  className?: string;
  pressed?: boolean;
  disabled?: boolean;
  onPick: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [typing, setTyping] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const reason = text.trim();
    if (!reason) return setProblem(true);
    setTyping(false);
    setText('');
    onPick(reason);
  }

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className={className} aria-pressed={pressed} disabled={disabled}>
          <Icon aria-hidden className="size-4" />
          {label}
          <ChevronDown aria-hidden className="size-3.5" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200">
            <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-gray-600">{t('workspace.presence.breakReason')}</DropdownMenu.Label>
            {BREAK_PRESETS.map((r) => (
              <DropdownMenu.Item
                key={r}
                onSelect={() => onPick(r)}
                className="cursor-default select-none rounded px-2 py-1.5 text-sm text-gray-900 outline-none data-[highlighted]:bg-indigo-50"
              >
                {t(`workspace.presence.reasons.${r}`)}
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1 h-px bg-gray-200" />
            <DropdownMenu.Item
              onSelect={() => {
                setProblem(false);
                setTyping(true);
              }}
              className="cursor-default select-none rounded px-2 py-1.5 text-sm text-gray-900 outline-none data-[highlighted]:bg-indigo-50"
            >
              {t('workspace.presence.otherReason')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog open={typing} onOpenChange={setTyping} title={t('workspace.presence.otherTitle')}>
        <form onSubmit={submit} noValidate>
          <Field label={t('workspace.presence.breakReason')} error={problem ? t('workspace.presence.reasonRequired') : undefined}>
            {(p) => (
              <Input
                {...p}
                autoFocus
                value={text}
                maxLength={MAX_REASON}
                onChange={(e) => {
                  setText(e.target.value);
                  setProblem(false);
                }}
              />
            )}
          </Field>
          <DialogActions>
            <Button onClick={() => setTyping(false)}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary">
              {label}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
