import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export function EmptyState({ icon: Icon, title, body, action }: { icon: LucideIcon; title: string; body?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <span className="mb-3 rounded-full bg-gray-100 p-3">
        <Icon aria-hidden className="size-6 text-gray-500" />
      </span>
      <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
      {body && <p className="mt-1 max-w-sm text-sm text-gray-600">{body}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
