/**
 * Alert thresholds from the command center, for managers and admins: when an agent counts as
 * idle or too long on break, a call too long, a callback overdue, a team's connect rate fallen.
 * Saved thresholds apply on every server node within seconds.
 */
import { SlidersHorizontal } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Skeleton } from '../../../components/ui/Skeleton';
import { ALERT_FIELDS, SettingsActions, SettingsFields, SettingsStatus, useOrgSettings, useSettingsForm } from '../../settings';

/** The button over the alerts, and its dialog. What is typed stays while the page is open, even when the dialog is closed unsaved. */
export function AlertThresholds() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState(false);
  const settings = useOrgSettings('alerts', { enabled: asked });
  const form = useSettingsForm(ALERT_FIELDS, settings.data?.items, { savedText: t('orgSettings.thresholds.saved') });

  return (
    <>
      <div className="flex justify-end border-b border-gray-100 px-4 py-2">
        <Button
          size="sm"
          variant="ghost"
          aria-haspopup="dialog"
          onClick={() => {
            setAsked(true);
            setOpen(true);
          }}
        >
          <SlidersHorizontal aria-hidden className="size-4" />
          {t('orgSettings.thresholds.open')}
          {form.dirty && <span aria-hidden className="size-2 rounded-full bg-amber-500" />}
        </Button>
      </div>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('orgSettings.thresholds.title')}
        description={t('orgSettings.thresholds.description')}
        className="max-w-xl"
      >
        {settings.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-4">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-16" />
            ))}
          </div>
        ) : settings.isError ? (
          <ErrorState title={t('orgSettings.thresholds.loadError')} error={settings.error} onRetry={() => void settings.refetch()} />
        ) : form.fields.length === 0 ? (
          <p className="py-6 text-sm text-gray-600">{t('orgSettings.rules.empty')}</p>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              form.save();
            }}
          >
            <SettingsFields form={form} className="-mt-4" />
            <SettingsStatus form={form} />
            <DialogActions>
              <SettingsActions form={form} className="w-full">
                <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
              </SettingsActions>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
