import type { SkillRef } from '@telehub/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { skillWords } from '../components/coachingFormat';

/** A skill's name in the interface language (a QA question keeps the scorecard's words). */
export function useSkillLabel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useCallback(
    (ref: SkillRef): string => {
      const w = skillWords(ref, lang);
      return 'text' in w ? w.text : t(w.key);
    },
    [t, lang],
  );
}
