/**
 * The labelled corpus as the model sees it: data/nlu/train.jsonl and data/nlu/test.jsonl at the
 * repository root, one row a line. Read by training and by the tests, never by the running server.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OBJECTION_LABELS, type ObjectionLabel, SENTIMENTS, type SentimentLabel, SPEECH_LANGUAGES, type SpeechLanguage } from '@telehub/shared';

export type CorpusRow = { id: string; lang: SpeechLanguage; objection: ObjectionLabel; sentiment: SentimentLabel; group: string; text: string };

/** Same depth under src/ and dist/, so this resolves to the repository's data/nlu from either. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../../data/nlu/', import.meta.url));

export const CORPUS_FILES = { train: 'train.jsonl', test: 'test.jsonl' } as const;

/** One row a line, keys always in the same order, so the files diff well and hash the same everywhere. */
export function toJsonl(rows: readonly CorpusRow[]): string {
  return rows
    .map((r) => JSON.stringify({ id: r.id, lang: r.lang, objection: r.objection, sentiment: r.sentiment, group: r.group, text: r.text }))
    .join('\n')
    .concat('\n');
}

export function parseJsonl(text: string): CorpusRow[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const row = JSON.parse(line) as Partial<CorpusRow>;
      const ok =
        typeof row.id === 'string' &&
        typeof row.text === 'string' &&
        typeof row.group === 'string' &&
        (SPEECH_LANGUAGES as readonly string[]).includes(row.lang ?? '') &&
        (OBJECTION_LABELS as readonly string[]).includes(row.objection ?? '') &&
        (SENTIMENTS as readonly string[]).includes(row.sentiment ?? '');
      if (!ok) throw new Error(`corpus line ${i + 1} is not a labelled row: ${line.slice(0, 120)}`);
      return row as CorpusRow;
    });
}

/** The hash the model records, so a corpus changed without retraining is caught. */
export function corpusHash(trainJsonl: string, testJsonl: string): string {
  return createHash('sha256').update(trainJsonl).update('\0').update(testJsonl).digest('hex');
}

export function readCorpus(dir = CORPUS_DIR): { train: CorpusRow[]; test: CorpusRow[]; hash: string } {
  const trainText = readFileSync(`${dir}${CORPUS_FILES.train}`, 'utf8');
  const testText = readFileSync(`${dir}${CORPUS_FILES.test}`, 'utf8');
  return { train: parseJsonl(trainText), test: parseJsonl(testText), hash: corpusHash(trainText, testText) };
}
