import { ArrowLeft } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FileDrop, type FileKind } from '../../../components/FileDrop';
import { PageHeader } from '../../../components/PageHeader';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { NONE, Select } from '../../../components/ui/Select';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatPercent } from '../../../lib/format';
import { ImportResultView } from '../components/ImportResultView';
import { useCampaignNames } from '../hooks/useCampaignNames';
import { useImportArticles } from '../hooks/useKnowledge';

const EXAMPLE_MD = `# Hostel fees
lang: en
tags: hostel, fees

The girls' hostel costs ₹2,500 a month, meals included.

# हॉस्टल की फीस
lang: hi

हॉस्टल की फीस ₹2,500 महीना है, खाना शामिल है।`;

const EXAMPLE_CSV = `title,body,language,tags
Batch timings,"Morning 8–11, evening 5–8.",en,"timing, batch"`;

/** /settings/knowledge/import: upload a Markdown or CSV file of articles and see what became of each. */
export function KnowledgeImportPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const campaignField = useId();
  const { campaigns } = useCampaignNames();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState(0);
  const run = useImportArticles(setSent);
  const kind: FileKind = {
    extensions: ['.md', '.markdown', '.csv'],
    accept: '.md,.markdown,.csv,text/markdown,text/csv',
    title: t('knowledge.importPage.dropTitle'),
    wrongType: (name) => t('knowledge.importPage.wrongType', { name }),
  };

  function upload(f: File) {
    setFile(f);
    setSent(0);
    run.mutate({ file: f, campaignId });
  }

  const uploading = run.isPending && sent < 1;
  const progress = (
    <div
      role="progressbar"
      aria-label={t('knowledge.importPage.progressLabel')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={uploading ? Math.round(sent * 100) : undefined}
      aria-valuetext={uploading ? formatPercent(sent * 100, lng) : t('knowledge.importPage.reading')}
      className="h-2 overflow-hidden rounded-full bg-gray-100"
    >
      <div
        className={uploading ? 'h-full rounded-full bg-indigo-600 transition-[width]' : 'h-full w-full animate-pulse rounded-full bg-indigo-300'}
        style={uploading ? { width: `${Math.max(2, sent * 100)}%` } : undefined}
      />
    </div>
  );

  return (
    <div className="mx-auto max-w-4xl">
      <div className="mb-2">
        <Link to=".." relative="path" className="inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
          <ArrowLeft aria-hidden className="size-4" />
          {t('knowledge.editor.back')}
        </Link>
      </div>
      <PageHeader title={t('knowledge.importPage.title')} documentTitle={t('knowledge.importPage.title')} subtitle={t('knowledge.importPage.subtitle')} />
      {run.data && file ? (
        <div className="space-y-4">
          <ImportResultView result={run.data} filename={file.name} />
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button variant="primary" onClick={() => run.reset()}>
              {t('knowledge.importPage.result.another')}
            </Button>
            <Link to=".." relative="path" className={buttonClass('secondary')}>
              {t('knowledge.importPage.result.toList')}
            </Link>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <div className="max-w-sm">
            <label htmlFor={campaignField} className="mb-1 block text-sm font-medium text-gray-800">
              {t('knowledge.importPage.campaign')}
            </label>
            <Select
              id={campaignField}
              value={campaignId ?? NONE}
              disabled={run.isPending}
              onValueChange={(v) => setCampaignId(v === NONE ? null : v)}
              options={[{ value: NONE, label: t('knowledge.allCampaigns') }, ...campaigns.map((c) => ({ value: c.id, label: c.name }))]}
            />
          </div>
          <FileDrop
            kind={kind}
            onFile={upload}
            busy={run.isPending}
            busyText={uploading ? t('knowledge.importPage.uploading', { name: file?.name ?? '' }) : t('knowledge.importPage.reading')}
            busyContent={progress}
            hint={t('knowledge.importPage.sameTitle')}
          />
          {run.isError && (
            <Alert>
              <p className="font-medium">{t('knowledge.importPage.failed')}</p>
              <p>{message(run.error)}</p>
            </Alert>
          )}
          <details className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700 shadow-xs">
            <summary className="cursor-pointer font-medium text-gray-900">{t('knowledge.importPage.help')}</summary>
            <p className="mt-3">{t('knowledge.importPage.markdownHelp')}</p>
            <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-3 text-xs ring-1 ring-gray-200">{EXAMPLE_MD}</pre>
            <p className="mt-3">{t('knowledge.importPage.csvHelp')}</p>
            <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-3 text-xs ring-1 ring-gray-200">{EXAMPLE_CSV}</pre>
          </details>
        </div>
      )}
    </div>
  );
}
