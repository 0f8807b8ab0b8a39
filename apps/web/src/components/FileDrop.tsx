import { FileUp } from 'lucide-react';
import { type DragEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../lib/cn';
import { Button } from './ui/Button';
import { Spinner } from './ui/Spinner';

const EXTENSIONS = ['.csv', '.xlsx'];
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const isSpreadsheet = (name: string) => EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/** Which files a drop area takes: their extensions, the `accept` list, and the words for the area and for a refused file. */
export type FileKind = { extensions: string[]; accept: string; title: string; wrongType: (name: string) => string };

/**
 * Drop a file on the area, or choose one with the button (the keyboard way): CSV or XLSX unless
 * `kind` says otherwise. Files of other types are refused here with a message, before any upload.
 */
export function FileDrop({
  onFile,
  busy,
  busyText,
  busyContent,
  hint,
  error,
  kind,
}: {
  onFile: (file: File) => void;
  busy?: boolean;
  busyText?: string;
  /** Shown under the busy title (a progress bar). */
  busyContent?: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  kind?: FileKind;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [over, setOver] = useState(false);
  const [wrongType, setWrongType] = useState<string | null>(null);

  function take(file: File | undefined) {
    if (!file || busy) return;
    const ok = kind ? kind.extensions.some((ext) => file.name.toLowerCase().endsWith(ext)) : isSpreadsheet(file.name);
    if (!ok) {
      setWrongType(file.name);
      return;
    }
    setWrongType(null);
    onFile(file);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  }

  const message = wrongType ? (kind ? kind.wrongType(wrongType) : t('files.wrongType', { name: wrongType })) : error;
  return (
    <div>
      {/* Dropping is a shortcut for the mouse; the button below does the same from the keyboard. */}
      <section
        aria-labelledby={`${id}-title`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-busy={busy}
        onDragOver={(e) => {
          e.preventDefault();
          if (!over) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors',
          over ? 'border-indigo-500 bg-indigo-50' : 'border-gray-300 bg-white',
        )}
      >
        <span className="mb-3 rounded-full bg-indigo-50 p-3">
          {busy ? <Spinner className="size-6 text-indigo-600" /> : <FileUp aria-hidden className="size-6 text-indigo-600" />}
        </span>
        <h2 id={`${id}-title`} className="text-sm font-semibold text-gray-900">
          {busy ? (busyText ?? t('common.loading')) : (kind?.title ?? t('files.dropTitle'))}
        </h2>
        {busy && busyContent && <div className="mt-3 w-full max-w-sm">{busyContent}</div>}
        {!busy && (
          <>
            <p className="mt-1 text-sm text-gray-600">{t('files.or')}</p>
            <Button className="mt-3" variant="primary" onClick={() => input.current?.click()}>
              {t('files.choose')}
            </Button>
          </>
        )}
        {hint && (
          <p id={`${id}-hint`} className="mt-3 max-w-lg text-xs text-gray-600">
            {hint}
          </p>
        )}
        <input
          ref={input}
          type="file"
          accept={kind?.accept ?? ACCEPT}
          className="sr-only"
          tabIndex={-1}
          aria-label={t('files.choose')}
          onChange={(e) => {
            take(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </section>
      {message && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
