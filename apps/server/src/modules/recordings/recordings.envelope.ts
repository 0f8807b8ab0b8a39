/**
 * Per-recording keys (envelope encryption). Each file is sealed with a key of its own, drawn at
 * random; the database row keeps that key wrapped (AES-256-GCM) by the keyring's current key.
 * Destroying the wrapped key, as an erasure does in its own transaction, makes the file
 * unreadable for good: in the store, in the bucket's versions and in every backup of either,
 * whatever becomes of the deletion of the object itself.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, type Keyring, type RecordingKey } from './recordings.crypto.js';
import { RecordingErrors } from './recordings.errors.js';

/** The key id written in the header of a file sealed with its own key. */
export const FILE_KEY_ID = 'file';
/** The wrapped-key value of a recording whose key was destroyed. */
export const DESTROYED = '';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const newFileKey = (): RecordingKey => ({ id: FILE_KEY_ID, key: randomBytes(KEY_BYTES) });

/** `iv | tag | ciphertext` in base64url; the context (the call) is authenticated with it. */
export function wrapKey(fileKey: Buffer, by: RecordingKey, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', by.key, iv);
  cipher.setAAD(Buffer.from(`wrap:${context}`));
  const sealed = Buffer.concat([cipher.update(fileKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function unwrapKey(wrapped: string, by: RecordingKey, context: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', by.key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(`wrap:${context}`));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    const key = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    if (key.length !== KEY_BYTES) throw new Error('wrong length');
    return key;
  } catch {
    throw RecordingErrors.RECORDING_CORRUPT('The recording’s own key failed its integrity check');
  }
}

/** A keyring of one file key, to open a file sealed with it. */
export const fileKeyring = (key: Buffer): Keyring => {
  const k = { id: FILE_KEY_ID, key };
  return { current: k, ids: [FILE_KEY_ID], get: (id) => (id === FILE_KEY_ID ? k : undefined) };
};
