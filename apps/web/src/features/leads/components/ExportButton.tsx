import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import type { LeadExportFilter } from '../api/leadsApi';
import { useExportLeads } from '../hooks/useExportLeads';

export function ExportButton({ filter }: { filter: LeadExportFilter }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const exporter = useExportLeads();
  return (
    <div className="flex items-center gap-2">
      {exporter.isError && (
        <p role="alert" className="text-sm text-red-700">
          {t('leads.exportFailed', { message: message(exporter.error) })}
        </p>
      )}
      <Button onClick={() => exporter.mutate(filter)} disabled={exporter.isPending}>
        {exporter.isPending ? <Spinner /> : <Download aria-hidden className="size-4" />}
        {exporter.isPending ? t('leads.exporting') : t('leads.export')}
      </Button>
    </div>
  );
}
