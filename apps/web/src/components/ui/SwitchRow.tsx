import { Switch } from 'radix-ui';
import { type ReactNode, useId } from 'react';

/** An on/off setting with its label and a line of explanation. */
export function SwitchRow({
  label,
  hint,
  checked,
  onCheckedChange,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onCheckedChange: (v: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start justify-between gap-4 rounded-md bg-gray-50 px-3 py-2.5 ring-1 ring-gray-200">
      <div>
        <label htmlFor={id} className="text-sm font-medium text-gray-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-gray-600">
            {hint}
          </p>
        )}
      </div>
      <Switch.Root
        id={id}
        checked={checked}
        onCheckedChange={onCheckedChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="relative mt-0.5 h-5 w-9 shrink-0 rounded-full bg-gray-300 transition-colors data-[state=checked]:bg-indigo-600"
      >
        <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[18px]" />
      </Switch.Root>
    </div>
  );
}
