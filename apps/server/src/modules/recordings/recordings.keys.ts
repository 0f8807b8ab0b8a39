/**
 * The recording keyring: the keys of TELEHUB_RECORDING_KEYS (newest first), or, when that is
 * unset, one key generated once and kept in the database so every node of a cluster shares it.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import { getOrCreateSecret, readSetting } from '../../platform/settings/settings.js';
import { KEY_BYTES, KEY_ID_PATTERN, type Keyring, type RecordingKey } from './recordings.crypto.js';
import { RecordingErrors } from './recordings.errors.js';

export const DATABASE_KEY_SETTING = 'recordings.key';
/** The id files sealed with the database key carry. */
export const DATABASE_KEY_ID = 'db';

const invalid = (why: string) => RecordingErrors.RECORDING_KEYS_INVALID(`TELEHUB_RECORDING_KEYS: ${why}`);

/** `id:base64,id:base64`: every key exactly 32 bytes, ids unique. Key material never appears in errors. */
export function parseRecordingKeys(spec: string): RecordingKey[] {
  const keys = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, i) => {
      const colon = part.indexOf(':');
      const id = colon > 0 ? part.slice(0, colon) : '';
      if (!KEY_ID_PATTERN.test(id)) throw invalid(`entry ${i + 1} needs an id of 1-32 of A-Z a-z 0-9 _ - before the colon`);
      const text = part.slice(colon + 1);
      const key = Buffer.from(text, 'base64');
      // Buffer.from skips characters that are not base64; re-encoding catches a mistyped key.
      if (key.length !== KEY_BYTES || key.toString('base64') !== text)
        throw invalid(`key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
      return { id, key };
    });
  if (keys.length === 0) throw invalid('no keys');
  return keys;
}

/** A keyring over `keys`; the first seals new files. */
export function keyringOf(keys: readonly RecordingKey[]): Keyring {
  const [current] = keys;
  if (!current) throw RecordingErrors.RECORDING_KEYS_INVALID('A keyring needs at least one key');
  const byId = new Map<string, RecordingKey>();
  for (const k of keys) {
    if (k.key.length !== KEY_BYTES) throw RecordingErrors.RECORDING_KEYS_INVALID(`Key "${k.id}" must be ${KEY_BYTES} bytes`);
    if (byId.has(k.id)) throw RecordingErrors.RECORDING_KEYS_INVALID(`Key id "${k.id}" appears twice`);
    byId.set(k.id, { id: k.id, key: Buffer.from(k.key) });
  }
  const ids = [...byId.keys()];
  return { current, ids, get: (id) => byId.get(id) };
}

function databaseKey(value: string): RecordingKey {
  const key = Buffer.from(value, 'base64url');
  if (key.length !== KEY_BYTES) throw RecordingErrors.RECORDING_KEYS_INVALID(`The setting ${DATABASE_KEY_SETTING} does not hold a ${KEY_BYTES}-byte key`);
  return { id: DATABASE_KEY_ID, key };
}

/**
 * Keys from config when set; a database key made before they were set stays in the ring as the
 * oldest, so recordings sealed with it still play and `rekey` can move them to the new key.
 */
export async function createKeyring(config: Pick<Config['telephony'], 'TELEHUB_RECORDING_KEYS'>, db: Db): Promise<Keyring> {
  if (!config.TELEHUB_RECORDING_KEYS) return keyringOf([databaseKey(await getOrCreateSecret(db, DATABASE_KEY_SETTING, KEY_BYTES))]);
  const keys = parseRecordingKeys(config.TELEHUB_RECORDING_KEYS);
  const stored = await readSetting<unknown>(db, DATABASE_KEY_SETTING);
  if (typeof stored !== 'string') return keyringOf(keys);
  const fromDb = databaseKey(stored);
  const same = keys.find((k) => k.id === DATABASE_KEY_ID);
  if (!same) return keyringOf([...keys, fromDb]);
  if (!same.key.equals(fromDb.key))
    throw invalid(`id "${DATABASE_KEY_ID}" names the key kept in the database; give that key another id or copy the stored key`);
  return keyringOf(keys);
}
