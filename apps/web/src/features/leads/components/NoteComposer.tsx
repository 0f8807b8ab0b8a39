import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Textarea } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useAddNote } from '../hooks/useAddNote';

export function NoteComposer({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const id = useId();
  const [body, setBody] = useState('');
  const addNote = useAddNote(leadId);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const text = body.trim();
    if (!text || addNote.isPending) return;
    addNote.mutate(text, { onSuccess: () => setBody('') });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {t('lead.note.label')}
      </label>
      <Textarea
        id={id}
        rows={3}
        maxLength={5000}
        value={body}
        placeholder={t('lead.note.placeholder')}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint`}
      />
      {addNote.isError && <Alert>{t('lead.note.failed', { message: message(addNote.error) })}</Alert>}
      <div className="flex items-center justify-between gap-3">
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          {t('lead.note.hint')}
        </p>
        <Button type="submit" variant="primary" size="sm" disabled={!body.trim() || addNote.isPending}>
          {addNote.isPending && <Spinner />}
          {addNote.isPending ? t('lead.note.saving') : t('lead.note.submit')}
        </Button>
      </div>
    </form>
  );
}
