import type { InputHTMLAttributes, Ref } from 'react';
import { cn } from '../../lib/cn';

/** A native checkbox (keyboard and screen readers for free) in the app's colour. */
export function Checkbox({
  className,
  ref,
  indeterminate,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { ref?: Ref<HTMLInputElement>; indeterminate?: boolean }) {
  return (
    <input
      ref={(el) => {
        if (el) el.indeterminate = Boolean(indeterminate);
        if (typeof ref === 'function') ref(el);
        else if (ref) ref.current = el;
      }}
      type="checkbox"
      className={cn('size-4 shrink-0 cursor-pointer rounded border-gray-300 accent-indigo-600', className)}
      {...props}
    />
  );
}
