import { CALL_STATUSES, type CallStatus } from '@telehub/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { dispositionText, useDispositions } from '../../calls';

const isStatus = (v: string): v is CallStatus => (CALL_STATUSES as readonly string[]).includes(v);

/** An outcome in words: the saved disposition's label, or the call's status where none was saved. */
export function useOutcomeText() {
  const { t } = useTranslation();
  const lng = useLocale();
  const dispositions = useDispositions();
  return useCallback(
    (code: string) => (isStatus(code) ? t(`calls.status.${code}`) : dispositionText(code, dispositions.data?.items, lng)),
    [t, lng, dispositions.data],
  );
}
