import type { AssignResult, BulkAssignBody } from '@telehub/shared';
import { UserMinus, UserRoundCheck, Wand2, X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { type Option, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { useUsers } from '../../users';
import { useBulkAssign } from '../hooks/useAssignment';

/** Acts on the selected rows of the leads list: to one person, to nobody, or by the rules. */
export function BulkAssignBar({ leadIds, onClear, onDone }: { leadIds: string[]; onClear: () => void; onDone: (result: AssignResult) => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const users = useUsers();
  const assign = useBulkAssign();
  const [ownerId, setOwnerId] = useState('');
  const selectId = useId();

  const options = useMemo<Option[]>(
    () =>
      (users.data?.items ?? [])
        .filter((u) => u.active && u.role !== 'admin')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
    [users.data, t],
  );

  const run = (owner: BulkAssignBody['ownerId']) =>
    assign.mutate(
      { leadIds, ownerId: owner },
      {
        onSuccess: (result) => {
          setOwnerId('');
          onDone(result);
        },
      },
    );
  const busy = (owner: BulkAssignBody['ownerId']) => assign.isPending && assign.variables?.ownerId === owner;

  return (
    <section aria-label={t('bulk.label')} className="flex flex-wrap items-center gap-2 border-b border-indigo-200 bg-indigo-50 px-3 py-2 sm:px-4">
      <p className="mr-1 text-sm font-medium text-indigo-900" aria-live="polite">
        {t('bulk.selected', { count: leadIds.length, n: formatNumber(leadIds.length, lng) })}
      </p>
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          {t('bulk.assignTo')}
        </label>
        <div className="w-full sm:w-56">
          <Select id={selectId} size="sm" value={ownerId} placeholder={t('bulk.assignTo')} onValueChange={setOwnerId} options={options} />
        </div>
        <Button size="sm" variant="primary" disabled={!ownerId || assign.isPending} onClick={() => run(ownerId)}>
          {busy(ownerId) ? <Spinner /> : <UserRoundCheck aria-hidden className="size-4" />}
          {t('bulk.assign')}
        </Button>
        <Button size="sm" disabled={assign.isPending} onClick={() => run('auto')}>
          {busy('auto') ? <Spinner /> : <Wand2 aria-hidden className="size-4" />}
          {t('bulk.byRules')}
        </Button>
        <Button size="sm" disabled={assign.isPending} onClick={() => run(null)}>
          {busy(null) ? <Spinner /> : <UserMinus aria-hidden className="size-4" />}
          {t('bulk.unassign')}
        </Button>
      </div>
      <Button size="sm" variant="ghost" onClick={onClear}>
        <X aria-hidden className="size-4" />
        {t('bulk.clear')}
      </Button>
      {assign.isError && (
        <p role="alert" className="w-full text-sm text-red-700">
          {t('bulk.failed', { message: message(assign.error) })}
        </p>
      )}
    </section>
  );
}
