import { LEAD_STATUSES, type LeadStatus } from '@telehub/shared';
import { Check, ChevronDown } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { STATUS_STYLES } from './StatusBadge';

/** Several statuses at once; the menu stays open while ticking. */
export function StatusFilter({ value, onChange, label }: { value: LeadStatus[]; onChange: (next: LeadStatus[]) => void; label: string }) {
  const { t } = useTranslation();
  const first = value[0];
  const summary =
    value.length === 0
      ? t('leads.filters.statusAny')
      : value.length === 1 && first
        ? t(`status.${first}`)
        : t('leads.filters.statusSome', { count: value.length });
  const toggle = (s: LeadStatus, on: boolean) => onChange(on ? LEAD_STATUSES.filter((x) => x === s || value.includes(x)) : value.filter((x) => x !== s));
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`${label}: ${summary}`}
        className={cn(
          'inline-flex h-9 w-full items-center justify-between gap-2 rounded-md bg-white px-3 text-left text-sm shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50',
          value.length > 0 ? 'text-gray-900' : 'text-gray-600',
        )}
      >
        <span className="truncate">{summary}</span>
        <ChevronDown aria-hidden className="size-4 shrink-0 text-gray-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 min-w-52 rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200">
          {LEAD_STATUSES.map((s) => (
            <DropdownMenu.CheckboxItem
              key={s}
              checked={value.includes(s)}
              onCheckedChange={(on) => toggle(s, on)}
              onSelect={(e) => e.preventDefault()}
              className="relative flex cursor-default select-none items-center gap-2 rounded py-1.5 pr-2 pl-7 text-sm text-gray-900 outline-none data-[highlighted]:bg-indigo-50"
            >
              <DropdownMenu.ItemIndicator className="absolute left-1.5 inline-flex">
                <Check aria-hidden className="size-4 text-indigo-600" />
              </DropdownMenu.ItemIndicator>
              <span aria-hidden className={cn('size-2 rounded-full', STATUS_STYLES[s].dot)} />
              {t(`status.${s}`)}
            </DropdownMenu.CheckboxItem>
          ))}
          {value.length > 0 && (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-gray-200" />
              <DropdownMenu.Item
                onSelect={() => onChange([])}
                className="cursor-default rounded px-2 py-1.5 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100"
              >
                {t('leads.filters.statusAny')}
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
