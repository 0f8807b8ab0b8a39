import { ListChecks } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../../components/ErrorState';
import { Alert } from '../../../../components/ui/Alert';
import { Button } from '../../../../components/ui/Button';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { Spinner } from '../../../../components/ui/Spinner';
import { useErrorMessage } from '../../../../hooks/useErrorMessage';
import { useLocale } from '../../../../hooks/useLocale';
import { dispositionLabel } from '../../../calls';
import { useCampaignDispositions, useSaveCampaignDispositions } from '../../hooks/useDispositionLists';
import { Section } from '../editor/Section';
import { DispositionListForm } from './DispositionListForm';

/**
 * A campaign's dispositions (admins): the organisation's list as the campaign offers it, or a list
 * of its own, with sub-dispositions and required fields, which its wrap-ups offer instead.
 */
export function CampaignDispositions({ campaignId, archived }: { campaignId: string; archived: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const list = useCampaignDispositions(campaignId);
  const save = useSaveCampaignDispositions(campaignId);
  const orgLink = (
    <Link to="/campaigns/dispositions" className="text-sm font-medium text-indigo-700 hover:underline">
      {t('wrapUp.editor.editOrg')}
    </Link>
  );

  return (
    <div className="mx-auto mt-5 max-w-4xl">
      <Section id="campaign-dispositions" title={t('wrapUp.editor.campaignTitle')} hint={list.data?.own ? t('wrapUp.editor.ownHint') : undefined}>
        {list.isPending ? (
          <Skeleton className="h-32 w-full" />
        ) : list.isError ? (
          <ErrorState title={t('wrapUp.editor.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.own ? (
          <DispositionListForm
            // A fresh form for each list the server answers with (saved, or made own).
            key={JSON.stringify(list.data.items)}
            initial={list.data.items}
            label={t('wrapUp.editor.campaignTitle')}
            onSave={(items) => save.mutate(items)}
            saving={save.isPending}
            error={save.error}
            saved={save.isSuccess}
            actions={
              <Button variant="ghost" disabled={save.isPending || archived} onClick={() => save.mutate(null)}>
                {t('wrapUp.editor.backToOrg')}
              </Button>
            }
          />
        ) : (
          <div className="space-y-3">
            <p className="flex items-center gap-2 text-sm text-gray-800">
              <ListChecks aria-hidden className="size-4 text-gray-500" />
              {t('wrapUp.editor.usesOrg')}
            </p>
            <ul className="flex flex-wrap gap-1.5" aria-label={t('wrapUp.editor.title')}>
              {list.data.items.map((d) => (
                <li key={d.code} className="rounded bg-gray-100 px-2 py-0.5 text-sm text-gray-800">
                  {dispositionLabel(d, lng)}
                </li>
              ))}
            </ul>
            {save.error && <Alert>{t('wrapUp.editor.saveFailed', { message: message(save.error) })}</Alert>}
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" disabled={save.isPending || archived} onClick={() => save.mutate(list.data.items)}>
                {save.isPending && <Spinner />}
                {t('wrapUp.editor.makeOwn')}
              </Button>
              {orgLink}
            </div>
          </div>
        )}
      </Section>
    </div>
  );
}
