import type { ReactNode } from 'react';
import { cn } from '../../../lib/cn';

/**
 * A key cap, as shown on buttons and in the shortcut legend; on a button it is decoration
 * (aria-keyshortcuts says it). Not shown on touch screens, where there is no keyboard to press.
 */
export function Kbd({ children, className, decorative = false }: { children: ReactNode; className?: string; decorative?: boolean }) {
  return (
    <kbd
      aria-hidden={decorative || undefined}
      className={cn(
        'inline-flex h-5 min-w-5 pointer-coarse:hidden! items-center justify-center rounded border border-gray-300 bg-gray-50 px-1 font-sans text-[11px] font-medium text-gray-700 shadow-[inset_0_-1px_0_rgb(0_0_0/0.08)]',
        className,
      )}
    >
      {children}
    </kbd>
  );
}
