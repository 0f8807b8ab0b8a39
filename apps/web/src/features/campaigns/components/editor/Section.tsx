import type { ReactNode } from 'react';
import type { CampaignForm } from '../campaignForm';

/** What every part of the editor gets: the form, a setter, and the words for a field's problem. */
export type SectionProps = {
  form: CampaignForm;
  set: <K extends keyof CampaignForm>(key: K, value: CampaignForm[K]) => void;
  err: (path: string) => string | undefined;
  disabled?: boolean;
};

export function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-gray-200 bg-white">
      <header className="border-b border-gray-200 px-4 py-3">
        <h2 id={id} className="text-sm font-semibold text-gray-900">
          {title}
        </h2>
        {hint && <p className="mt-0.5 text-xs text-gray-600">{hint}</p>}
      </header>
      <div className="space-y-4 p-4">{children}</div>
    </section>
  );
}
