import { LEAD_STATUSES, type Lead } from '@telehub/shared';
import { ArrowLeft, Headset, Mail, Pencil, Phone } from 'lucide-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { formatPhone } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { DndBanner } from '../../compliance';
import { useUserNames, useUsers } from '../../users';
import { isStatus } from '../hooks/useLeadFilters';
import { useUpdateLead } from '../hooks/useUpdateLead';
import { STATUS_STYLES } from './StatusBadge';

export function LeadHeader({ lead, onEdit }: { lead: Lead; onEdit: () => void }) {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const message = useErrorMessage();
  const update = useUpdateLead(lead.id);
  const users = useUsers();
  const { nameOf } = useUserNames();
  const statusId = useId();
  const ownerId = useId();

  const statusOptions: Option[] = LEAD_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));

  const ownerOptions = useMemo<Option[]>(() => {
    const people = (users.data?.items ?? []).filter((u) => u.active && u.role !== 'admin').sort((a, b) => a.name.localeCompare(b.name));
    const options: Option[] = [
      { value: NONE, label: t('common.unassigned') },
      ...people.map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
    ];
    // The owner may be someone this manager cannot list; keep them selectable as they are.
    if (lead.ownerId && !options.some((o) => o.value === lead.ownerId)) options.push({ value: lead.ownerId, label: lead.ownerName ?? nameOf(lead.ownerId) });
    return options;
  }, [users.data, lead.ownerId, lead.ownerName, nameOf, t]);

  return (
    <div className="mb-5">
      <Link to="/leads" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        {t('lead.back')}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex items-center gap-2.5">
            <span aria-hidden className={`size-2.5 shrink-0 rounded-full ${STATUS_STYLES[lead.status].dot}`} />
            <h1 className="truncate text-xl font-semibold tracking-tight text-gray-900">{lead.name}</h1>
          </div>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <a
              href={`tel:${lead.phone}`}
              className="inline-flex items-center gap-1.5 rounded font-medium text-indigo-700 tabular-nums hover:underline"
              aria-label={t('lead.call', { phone: formatPhone(lead.phone) })}
            >
              <Phone aria-hidden className="size-4" />
              {formatPhone(lead.phone)}
            </a>
            {lead.email ? (
              <a
                href={`mailto:${lead.email}`}
                className="inline-flex min-w-0 items-center gap-1.5 rounded text-gray-700 hover:underline"
                aria-label={t('lead.sendEmail', { email: lead.email })}
              >
                <Mail aria-hidden className="size-4 shrink-0" />
                <span className="truncate">{lead.email}</span>
              </a>
            ) : (
              <span className="inline-flex items-center gap-1.5 text-gray-500">
                <Mail aria-hidden className="size-4" />
                {t('lead.noEmail')}
              </span>
            )}
          </div>
        </div>
        <div className="flex w-full flex-wrap items-end gap-2 sm:w-auto">
          <div className="min-w-40 flex-1 sm:flex-none">
            <label htmlFor={statusId} className="mb-1 block text-xs font-medium text-gray-600">
              {t('lead.status')}
            </label>
            <Select
              id={statusId}
              value={lead.status}
              options={statusOptions}
              disabled={update.isPending}
              onValueChange={(v) => isStatus(v) && update.mutate({ status: v })}
            />
          </div>
          {abilities.assignLeads && (
            <div className="min-w-44 flex-1 sm:flex-none">
              <label htmlFor={ownerId} className="mb-1 block text-xs font-medium text-gray-600">
                {t('lead.owner')}
              </label>
              <Select
                id={ownerId}
                value={lead.ownerId ?? NONE}
                options={ownerOptions}
                disabled={update.isPending}
                onValueChange={(v) => update.mutate({ ownerId: v === NONE ? null : v })}
              />
            </div>
          )}
          <Button onClick={onEdit}>
            {update.isPending ? <Spinner /> : <Pencil aria-hidden className="size-4" />}
            {t('lead.edit.button')}
          </Button>
          {!lead.dnd && (
            <Link to={`/workspace?lead=${lead.id}`} className={buttonClass('primary')}>
              <Headset aria-hidden className="size-4" />
              {t('lead.callInWorkspace')}
            </Link>
          )}
        </div>
      </div>
      <DndBanner lead={lead} />
      {update.isError && <Alert className="mt-3">{t('lead.saveFailed', { message: message(update.error) })}</Alert>}
    </div>
  );
}
