import type { Lead } from '@telehub/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatNumber, formatPhone, formatRelative, languageName } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { extraFieldRows, useLeadFields } from '../../lead-fields';
import { useUserNames } from '../../users';
import { sourceLabel } from './sourceName';

function Row({ label, field, children }: { label: string; field?: string; children: ReactNode }) {
  return (
    <div data-field={field} className="grid grid-cols-[7.5rem_1fr] gap-3 py-2 text-sm">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 text-gray-900 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const Dash = () => <span className="text-gray-400">—</span>;

/** A merge keeps the retired lead's number here. */
const ALTERNATE_PHONES = 'alternatePhones';
const phonesOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []);

export function LeadFacts({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const { abilities } = useCurrentUser();
  const { nameOf } = useUserNames();
  const definitions = useLeadFields();
  // Defined keys under their label and formatted by type; the rest under a readable form of the key.
  // Until the definitions arrive the rows wait (no key shown under one label, then another); without them, keys read as words.
  const extra = definitions.isPending ? [] : extraFieldRows(lead.metadata, definitions.data?.items ?? [], lng, { yes: t('common.yes'), no: t('common.no') });
  const alternatePhones = phonesOf(lead.metadata[ALTERNATE_PHONES]);
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso} title={formatDateTime(iso, lng)}>
        {formatRelative(iso, lng)}
        <span className="block text-xs text-gray-500">{formatDateTime(iso, lng)}</span>
      </time>
    ) : (
      <span className="text-gray-500">{t('common.never')}</span>
    );

  return (
    <section aria-labelledby="lead-details" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="lead-details" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('lead.details')}
      </h2>
      <dl className="divide-y divide-gray-100 px-4">
        {!abilities.assignLeads && <Row label={t('lead.fields.owner')}>{lead.ownerName ?? nameOf(lead.ownerId)}</Row>}
        <Row label={t('lead.fields.city')}>{lead.city ?? <Dash />}</Row>
        <Row label={t('lead.fields.language')}>{lead.language ? languageName(lead.language, lng) : <Dash />}</Row>
        <Row label={t('lead.fields.score')}>{lead.score === null ? <Dash /> : formatNumber(lead.score, lng)}</Row>
        <Row label={t('lead.fields.tags')}>
          {lead.tags.length > 0 ? (
            <ul className="flex flex-wrap gap-1">
              {lead.tags.map((tag) => (
                <li key={tag} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-gray-500">{t('lead.noTags')}</span>
          )}
        </Row>
        <Row label={t('lead.fields.timezone')}>{lead.timezone}</Row>
        <Row label={t('lead.fields.sources')}>
          {lead.sources.length > 0 ? (
            <ul className="space-y-0.5">
              {lead.sources.map((s, i) => (
                <li key={`${s.source}:${s.externalId ?? ''}`}>
                  {sourceLabel(s.source, t)}
                  {s.externalId && <span className="text-gray-500"> · {s.externalId}</span>}
                  {i === 0 && lead.sources.length > 1 && <span className="text-gray-500"> · {t('lead.origin')}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-gray-500">{t('lead.noSources')}</span>
          )}
        </Row>
        <Row label={t('lead.fields.lastContact')}>{when(lead.lastContactedAt)}</Row>
        <Row label={t('lead.fields.created')}>{when(lead.createdAt)}</Row>
        <Row label={t('lead.fields.updated')}>{when(lead.updatedAt)}</Row>
      </dl>
      {(extra.length > 0 || alternatePhones.length > 0) && (
        <>
          <h3 className="border-t border-gray-200 px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-gray-600 uppercase">{t('lead.fields.metadata')}</h3>
          <dl className="divide-y divide-gray-100 px-4 pb-1">
            {alternatePhones.length > 0 && (
              <Row label={t('lead.alternatePhones')}>
                <ul>
                  {alternatePhones.map((p) => (
                    <li key={p}>
                      <a href={`tel:${p}`} className="text-indigo-700 tabular-nums hover:underline">
                        {formatPhone(p)}
                      </a>
                    </li>
                  ))}
                </ul>
              </Row>
            )}
            {extra.map((f) => (
              <Row key={f.key} label={f.label} field={f.key}>
                {f.value}
              </Row>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
