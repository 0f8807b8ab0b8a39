import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';
import { isApiError } from '../lib/errors';

type KnownCode = keyof typeof en.errors.codes;
const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(en.errors.codes, code);

/** Words for an error: ours for the codes we know, else the server's own message. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown): string => {
      if (isApiError(err)) return isKnownCode(err.code) ? t(`errors.codes.${err.code}`) : err.message;
      if (err instanceof Error) return err.message;
      return String(err);
    },
    [t],
  );
}
