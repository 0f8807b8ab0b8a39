/** Installation-wide settings in the database, so every node of a cluster sees the same values. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { appSettings } from './settings.tables.js';

/** Returns the secret stored under `key`, generating it on first use. Safe when nodes race. */
export async function getOrCreateSecret(db: Db, key: string, bytes = 48): Promise<string> {
  await db
    .insert(appSettings)
    .values({ key, value: randomBytes(bytes).toString('base64url') })
    .onConflictDoNothing({ target: appSettings.key });
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  if (!row || typeof row.value !== 'string') throw new Error(`Setting ${key} is missing or not text`);
  return row.value;
}

/** Stores `value` under `key` only if the key is new; true when this call claimed it. */
export async function claimSetting(db: Db, key: string, value: unknown): Promise<boolean> {
  const rows = await db.insert(appSettings).values({ key, value }).onConflictDoNothing({ target: appSettings.key }).returning({ key: appSettings.key });
  return rows.length === 1;
}

export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row?.value as T | undefined;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
}

/** Removes `key` (a value that falls back to its default once gone). */
export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.delete(appSettings).where(eq(appSettings.key, key));
}
