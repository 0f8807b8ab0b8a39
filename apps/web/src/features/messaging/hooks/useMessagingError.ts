import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { messagingEn } from '../../../i18n/sections/messaging.en';
import { isApiError } from '../../../lib/errors';

type Code = keyof typeof messagingEn.messaging.errors;
const isCode = (c: string): c is Code => Object.hasOwn(messagingEn.messaging.errors, c);

/** A refused send in the reader's language (consent, DND, the window, not set up); other errors as usual. */
export function useMessagingError() {
  const { t } = useTranslation();
  const fallback = useErrorMessage();
  return useCallback((err: unknown) => (isApiError(err) && isCode(err.code) ? t(`messaging.errors.${err.code}`) : fallback(err)), [t, fallback]);
}
