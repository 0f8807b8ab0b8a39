import { SKIP_REASONS, type SkipReason } from '@telehub/shared';
import { ChevronDown, SkipForward } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';

const MAX_NOTE = 500;
const item = 'cursor-default select-none rounded px-2 py-1.5 text-sm text-gray-900 outline-none data-[highlighted]:bg-indigo-50';

/**
 * Skip asks why: a reason from the menu (S opens it, the arrow keys move, Enter picks), or
 * another reason with a note. The lead then stays out of the agent's queue for the day.
 */
export function SkipMenu({
  open,
  onOpenChange,
  onPick,
  disabled,
  busy,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (reason: SkipReason, note?: string) => void;
  disabled?: boolean;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const [note, setNote] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    setWriting(false);
    onPick('other', note.trim() || undefined);
    setNote('');
  }

  return (
    <>
      <DropdownMenu.Root open={open} onOpenChange={onOpenChange}>
        <DropdownMenu.Trigger className={buttonClass('secondary', 'md', 'h-12')} disabled={disabled} aria-keyshortcuts="S">
          {busy ? <Spinner /> : <SkipForward aria-hidden className="size-4" />}
          {t('workspace.dial.skip')}
          <ChevronDown aria-hidden className="size-3.5" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-56 rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200">
            <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-gray-600">{t('wrapUp.skip.menu')}</DropdownMenu.Label>
            {SKIP_REASONS.filter((r) => r !== 'other').map((r) => (
              <DropdownMenu.Item key={r} onSelect={() => onPick(r)} className={item}>
                {t(`wrapUp.skip.reasons.${r}`)}
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1 h-px bg-gray-200" />
            <DropdownMenu.Item onSelect={() => setWriting(true)} className={item}>
              {t('wrapUp.skip.other')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog open={writing} onOpenChange={setWriting} title={t('wrapUp.skip.otherTitle')}>
        <form onSubmit={submit} noValidate>
          <Field label={t('wrapUp.skip.note')} optional={t('common.optional')}>
            {(p) => (
              <Input
                {...p}
                autoFocus
                value={note}
                maxLength={MAX_NOTE}
                placeholder={t('wrapUp.skip.notePlaceholder')}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          <DialogActions>
            <Button onClick={() => setWriting(false)}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary">
              {t('wrapUp.skip.confirm')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
