import type { LeadFieldDefinition } from '@telehub/shared';
import { ArrowDown, ArrowUp, EyeOff, Pencil, Trash2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { fieldLabel, optionLabel } from './fieldValues';

/** The definitions in their order on the lead pages, each movable up and down by button (keyboard too), editable, deletable. */
export function FieldsList({
  fields,
  onMove,
  onEdit,
  onDelete,
}: {
  fields: LeadFieldDefinition[];
  onMove: (field: LeadFieldDefinition, order: number) => void;
  onEdit: (field: LeadFieldDefinition) => void;
  onDelete: (field: LeadFieldDefinition) => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const list = useRef<HTMLOListElement>(null);
  // The moved field keeps the keyboard: its button again, or the other way once it reaches an end.
  const refocus = useRef<{ key: string; way: 'up' | 'down'; at: number } | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want || !list.current) return;
    const rows = [...list.current.querySelectorAll<HTMLElement>('[data-field-key]')];
    const row = rows.find((el) => el.dataset.fieldKey === want.key);
    // Not there yet: the list shows the move a render later.
    if (!row || rows.indexOf(row) !== want.at) return;
    refocus.current = null;
    const button = (way: string) => row?.querySelector<HTMLButtonElement>(`button[data-move="${way}"]:not(:disabled)`);
    (button(want.way) ?? button(want.way === 'up' ? 'down' : 'up'))?.focus();
  });
  const move = (f: LeadFieldDefinition, way: 'up' | 'down', order: number) => {
    refocus.current = { key: f.key, way, at: order };
    onMove(f, order);
  };
  return (
    <ol ref={list} aria-label={t('leadFields.table.label')} className="divide-y divide-gray-100">
      {fields.map((f, i) => {
        const label = fieldLabel(f, lng);
        return (
          <li key={f.id} data-field-key={f.key} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <span aria-hidden className="w-6 text-right text-sm text-gray-500 tabular-nums">
              {formatNumber(i + 1, lng)}
            </span>
            <div className="min-w-0 flex-1 basis-48">
              <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-gray-900">
                <span lang="en">{f.labelEn}</span>
                {f.labelHi && (
                  <span lang="hi" className="font-normal text-gray-700">
                    · {f.labelHi}
                  </span>
                )}
                {!f.visible && (
                  <span className="inline-flex items-center gap-1 rounded bg-gray-100 px-1.5 py-0.5 text-xs font-normal text-gray-700">
                    <EyeOff aria-hidden className="size-3" />
                    {t('leadFields.hidden')}
                  </span>
                )}
              </p>
              <p className="truncate text-xs text-gray-600">
                <span className="font-mono">{t('leadFields.keyIs', { key: f.key })}</span>
              </p>
            </div>
            <div className="min-w-0 basis-40 text-sm text-gray-700">
              {t(`leadFields.types.${f.type}`)}
              {f.type === 'choice' && <span className="block truncate text-xs text-gray-600">{f.options.map((o) => optionLabel(o, lng)).join(', ')}</span>}
            </div>
            <div className="ml-auto flex items-center gap-1">
              <Button
                variant="ghost"
                size="sm"
                data-move="up"
                aria-label={t('leadFields.moveUp', { label })}
                disabled={i === 0}
                onClick={() => move(f, 'up', i - 1)}
              >
                <ArrowUp aria-hidden className="size-4" />
              </Button>
              <Button
                variant="ghost"
                size="sm"
                data-move="down"
                aria-label={t('leadFields.moveDown', { label })}
                disabled={i === fields.length - 1}
                onClick={() => move(f, 'down', i + 1)}
              >
                <ArrowDown aria-hidden className="size-4" />
              </Button>
              <Button variant="ghost" size="sm" aria-label={t('leadFields.edit', { label })} onClick={() => onEdit(f)}>
                <Pencil aria-hidden className="size-4" />
              </Button>
              <Button variant="ghost" size="sm" aria-label={t('leadFields.remove', { label })} onClick={() => onDelete(f)}>
                <Trash2 aria-hidden className="size-4 text-red-600" />
              </Button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
