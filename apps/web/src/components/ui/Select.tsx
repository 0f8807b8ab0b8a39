import { Check, ChevronDown } from 'lucide-react';
import { Select as RadixSelect } from 'radix-ui';
import { cn } from '../../lib/cn';

export type Option = { value: string; label: string; hint?: string };

/** Radix items may not have an empty value; this stands for "no filter" / "none". */
export const NONE = '__none__';

export type SelectProps = {
  value: string;
  onValueChange: (value: string) => void;
  options: Option[];
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  size?: 'sm' | 'md';
};

export function Select({ value, onValueChange, options, placeholder, disabled, className, size = 'md', ...aria }: SelectProps) {
  return (
    <RadixSelect.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <RadixSelect.Trigger
        {...aria}
        className={cn(
          'inline-flex w-full min-w-0 items-center justify-between gap-2 rounded-md bg-white px-3 text-left text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50 disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500 data-[placeholder]:text-gray-500',
          size === 'sm' ? 'h-8' : 'h-9',
          className,
        )}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon>
          <ChevronDown aria-hidden className="size-4 shrink-0 text-gray-500" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(var(--radix-select-content-available-height),22rem)] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md bg-white shadow-lg ring-1 ring-gray-200"
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((o) => (
              <RadixSelect.Item
                key={o.value}
                value={o.value}
                className="relative flex cursor-default select-none items-center gap-2 rounded py-1.5 pr-2 pl-7 text-sm text-gray-900 outline-none data-[disabled]:text-gray-400 data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900"
              >
                <RadixSelect.ItemIndicator className="absolute left-1.5 inline-flex">
                  <Check aria-hidden className="size-4 text-indigo-600" />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{o.label}</RadixSelect.ItemText>
                {o.hint && <span className="ml-auto pl-3 text-xs text-gray-500">{o.hint}</span>}
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
