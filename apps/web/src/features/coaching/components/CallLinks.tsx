import { PhoneCall } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Example calls of an item, each opening the call page. */
export function CallLinks({ title, callIds }: { title: string; callIds: readonly string[] }) {
  const { t } = useTranslation();
  if (callIds.length === 0) return null;
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-gray-600">{title}</p>
      <ul aria-label={title} className="mt-1 flex flex-wrap gap-1.5">
        {callIds.map((id, i) => (
          <li key={id}>
            <Link
              to={`/calls/${id}`}
              className="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 text-xs font-medium text-indigo-700 ring-1 ring-gray-200 ring-inset hover:bg-indigo-50"
            >
              <PhoneCall aria-hidden className="size-3.5" />
              {t('coaching.item.call', { n: i + 1 })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
