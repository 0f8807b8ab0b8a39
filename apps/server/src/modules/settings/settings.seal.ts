/**
 * Secrets at rest: sealed with AES-256-GCM under the recording keyring's current key, opened with
 * whichever key of the ring sealed them. Text: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../recordings/index.js';

const IV_BYTES = 12;

/** The setting's name is bound to its ciphertext: a sealed value moved to another setting does not open. */
export function seal(keyring: Keyring, name: string, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(name));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', keyring.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function open(keyring: Keyring, name: string, sealed: string): string {
  const [version, keyId, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || data === undefined)
    throw new Error(`${name}: the stored secret is not in a known format`);
  const key = keyring.get(keyId);
  if (!key) throw new Error(`${name}: the stored secret was sealed with key "${keyId}", which is not in TELEHUB_RECORDING_KEYS`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(name));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
