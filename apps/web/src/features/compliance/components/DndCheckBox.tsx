import { CheckCircle2, PhoneOff, Search } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { formatPhone } from '../../../lib/format';
import { useDndCheck } from '../hooks/useDnd';
import { dndCategoriesText, dndCategoryName } from './dndCategories';

/** Look one number up on the registry, and say whether it blocks our calls. */
export function DndCheckBox() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const check = useDndCheck();
  const [phone, setPhone] = useState('');
  const id = useId();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (phone.trim().length >= 3) check.mutate(phone.trim());
  }

  const r = check.data;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-gray-200 bg-white p-4 sm:p-5">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-gray-900">
        {t('dnd.check.title')}
      </h2>
      <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor={id} className="mb-1 block text-xs font-medium text-gray-600">
            {t('dnd.check.label')}
          </label>
          <Input id={id} type="tel" value={phone} maxLength={32} placeholder="98765 43210" onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
        </div>
        <Button type="submit" disabled={check.isPending || phone.trim().length < 3}>
          {check.isPending ? <Spinner /> : <Search aria-hidden className="size-4" />}
          {t('dnd.check.submit')}
        </Button>
      </form>
      <div aria-live="polite" className="mt-3">
        {check.isError && (
          <p role="alert" className="text-sm text-red-700">
            {message(check.error)}
          </p>
        )}
        {r &&
          (r.registered ? (
            <div className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
              <PhoneOff aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
              <div>
                <p className="font-medium">{t('dnd.check.registered', { phone: formatPhone(r.phone) })}</p>
                <p>{t('dnd.badge.categories', { categories: dndCategoriesText(r.fullyBlocked ? [0] : r.categories, t) })}</p>
                <p className="mt-0.5 font-medium">
                  {r.blocksUs ? t('dnd.check.blocksUs') : t('dnd.check.allowsUs', { category: dndCategoryName(r.category, t) })}
                </p>
              </div>
            </div>
          ) : (
            <p className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
              <CheckCircle2 aria-hidden className="size-4 shrink-0 text-emerald-600" />
              {t('dnd.check.clear', { phone: formatPhone(r.phone) })}
            </p>
          ))}
      </div>
    </section>
  );
}
