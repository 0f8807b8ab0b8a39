import { randomBytes } from 'node:crypto';
import type { Lead } from '@telehub/shared';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { openReadOnly } from './mysql.sync.js';

/**
 * The legacy MySQL connector against the real MariaDB (MYSQL_URL, default root on localhost).
 * Without a reachable server the file is skipped, except in CI, where that is a failure.
 */
const BASE_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const mysql = await import('mysql2/promise');

async function reachable(): Promise<string | null> {
  try {
    const c = await mysql.createConnection({ uri: BASE_URL, connectTimeout: 3000 });
    await c.end();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
const problem = await reachable();
if (problem && process.env.CI) throw new Error(`MariaDB/MySQL at MYSQL_URL is required in CI: ${problem}`);
if (problem) console.warn(`Skipping the MySQL connector tests: no MariaDB/MySQL at ${BASE_URL} (${problem})`);

const dbName = `telehub_legacy_${randomBytes(4).toString('hex')}`;
const legacyUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

let admin: Connection;
let t: TestApp;

describe.skipIf(problem !== null)('legacy MySQL connector', () => {
  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: BASE_URL, charset: 'utf8mb4', multipleStatements: true });
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.query(`USE \`${dbName}\``);
    // A Laravel-era table, as found: soft deletes, NULL timestamps, phones typed every way.
    await admin.query(`
      CREATE TABLE enquiries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        full_name VARCHAR(191) NOT NULL,
        mobile_no VARCHAR(32) NULL,
        email_id VARCHAR(191) NULL,
        city VARCHAR(100) NULL,
        lead_status VARCHAR(40) NULL,
        course VARCHAR(100) NULL,
        created_at TIMESTAMP NULL DEFAULT NULL,
        updated_at TIMESTAMP NULL DEFAULT NULL,
        deleted_at TIMESTAMP NULL DEFAULT NULL,
        KEY enquiries_updated_at_id (updated_at, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await admin.query(
      `INSERT INTO enquiries (full_name, mobile_no, email_id, city, lead_status, course, created_at, updated_at, deleted_at) VALUES
        ('Anil Kumar', '+91 98111 00001', 'ANIL@example.org', 'Delhi', 'Hot', 'BBA', '2025-01-01 09:00:00', '2025-01-10 10:00:00', NULL),
        ('सुनीता देवी', '098111-00002', NULL, 'पटना', 'Call Back', 'BCA', '2025-01-01 09:00:00', '2025-01-10 10:00:00', NULL),
        ('Chetan Joshi', '(+91) 98111.00003', 'chetan@example.org', 'Pune', 'Admission Done', NULL, '2025-01-01 09:00:00', '2025-01-10 10:00:00', NULL),
        ('Divya Menon', '919811100004', NULL, 'Kochi', 'Not Interested', NULL, '2025-01-01 09:00:00', '2025-01-11 12:30:00', NULL),
        ('Eshan Roy', '12345', NULL, 'Kolkata', 'new', NULL, '2025-01-01 09:00:00', '2025-01-12 08:00:00', NULL),
        ('Farida Khan', '9811100006', NULL, 'Lucknow', 'Interested', NULL, '2025-01-01 09:00:00', '2025-01-12 09:00:00', '2025-01-13 09:00:00'),
        ('Gopal Das', '9811100007', NULL, NULL, 'Pending', NULL, '2024-06-01 09:00:00', NULL, NULL),
        ('Hema Iyer', '98111 00008', NULL, 'Chennai', 'Enquiry', NULL, '2025-01-01 09:00:00', '2025-01-12 08:00:00', NULL)`,
    );
    t = await createTestApp({ env: { LEGACY_MYSQL_URL: legacyUrl } });
  });

  afterAll(async () => {
    await t?.close();
    await admin?.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin?.end();
  });

  const config = {
    table: 'enquiries',
    idColumn: 'id',
    updatedAtColumn: 'updated_at',
    deletedAtColumn: 'deleted_at',
    mapping: { name: 'full_name', phone: 'mobile_no', email: 'email_id', city: 'city', status: 'lead_status' },
    statusValues: { Enquiry: 'new' },
    batchSize: 2,
  };
  const put = (body: unknown) => t.request({ method: 'PUT', url: '/api/v1/sources/mysql/config', as: t.cast.admin, payload: body as object });
  const sync = () => t.request({ method: 'POST', url: '/api/v1/sources/mysql/sync', as: t.cast.admin });
  const mysqlLeads = async (): Promise<Lead[]> => {
    const res = await t.request({ method: 'GET', url: '/api/v1/leads?pageSize=100', as: t.cast.admin });
    return res.json<{ items: Lead[] }>().items.filter((l) => l.sources.some((s) => s.source === 'mysql'));
  };
  const byRow = async (id: number) => (await mysqlLeads()).find((l) => l.sources.some((s) => s.source === 'mysql' && s.externalId === String(id)));

  it('refuses a mapping that is not safe or not complete, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...config, table: undefined, query: 'DELETE FROM enquiries' }, 'query'],
      [{ ...config, table: undefined, query: 'SELECT * FROM enquiries; DROP TABLE enquiries' }, 'query'],
      [{ ...config, table: undefined, query: 'SELECT * FROM enquiries /* hidden */' }, 'query'],
      [{ ...config, table: undefined, query: 'SELECT * FROM enquiries INTO OUTFILE "/tmp/x"' }, 'query'],
      [{ ...config, query: 'SELECT * FROM enquiries' }, 'table'],
      [{ ...config, table: undefined }, 'table'],
      [{ ...config, idColumn: 'id`; DROP TABLE x; --' }, 'idColumn'],
      [{ ...config, mapping: { name: 'full_name' } }, 'mapping.phone'],
      [{ ...config, mapping: { ...config.mapping, salary: 'x' } }, 'mapping'],
      [{ ...config, timezone: 'Mars/Olympus' }, 'timezone'],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
      expect(res.json().message).toContain(field);
    }
    const got = await t.request({ method: 'GET', url: '/api/v1/sources/mysql/config', as: t.cast.admin });
    expect(got.json()).toEqual({ configured: true, config: null });
  });

  it('previews the first rows of a mapping as they would apply, writing nothing', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/sources/mysql/test', as: t.cast.admin, payload: { config } });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.columns).toEqual(['id', 'full_name', 'mobile_no', 'email_id', 'city', 'lead_status', 'course', 'created_at', 'updated_at', 'deleted_at']);
    expect(preview.rows).toHaveLength(5);
    // NULL updated_at sorts first.
    expect(preview.rows[0]).toMatchObject({ externalId: '7', fields: { name: 'Gopal Das', phone: '+919811100007', status: 'new' }, sourceUpdatedAt: null });
    expect(preview.rows[2]).toMatchObject({
      externalId: '2',
      fields: { name: 'सुनीता देवी', phone: '+919811100002', email: null, city: 'पटना', status: 'callback' },
      extra: { course: 'BCA', updated_at: '2025-01-10 10:00:00' },
      // 10:00 in Kolkata.
      sourceUpdatedAt: '2025-01-10T04:30:00.000Z',
      problems: [],
    });
    expect(await mysqlLeads()).toHaveLength(0);

    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/sources/mysql/test',
      as: t.cast.admin,
      payload: { config: { ...config, mapping: { ...config.mapping, phone: 'phone_number' } } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'MYSQL_TEST_FAILED', message: expect.stringContaining("Unknown column 'phone_number'") });
  });

  it('reads every live row in keyset batches, equal timestamps included, and reports exact counts', async () => {
    expect((await sync()).json()).toMatchObject({ code: 'MYSQL_CONFIG_MISSING' });
    const saved = await put(config);
    expect(saved.statusCode).toBe(200);
    const res = await sync();
    expect(res.statusCode).toBe(200);
    // 7 live rows (one soft-deleted); row 5's phone is not a phone.
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 7, created: 6, updated: 0, unchanged: 0, failed: 1 });
    expect(res.json().errors).toEqual([{ externalId: '5', reason: expect.stringContaining('too short') }]);
    expect(JSON.parse(res.json().cursor)).toEqual({ nullsAfter: '7', after: { updatedAt: '2025-01-12 08:00:00', id: '8' } });

    expect(await byRow(1)).toMatchObject({ name: 'Anil Kumar', phone: '+919811100001', email: 'anil@example.org', status: 'interested', city: 'Delhi' });
    expect(await byRow(2)).toMatchObject({ name: 'सुनीता देवी', phone: '+919811100002', status: 'callback', metadata: { mysql: { course: 'BCA' } } });
    expect((await byRow(3))?.status).toBe('converted');
    expect((await byRow(4))?.status).toBe('not_interested');
    expect(await byRow(6)).toBeUndefined();
    expect((await byRow(8))?.phone).toBe('+919811100008');
    expect(await mysqlLeads()).toHaveLength(6);
  });

  it('reads only what changed on the next run', async () => {
    await admin.query(`UPDATE enquiries SET lead_status = 'Admission Done', updated_at = '2025-01-20 10:00:00' WHERE id = 1`);
    await admin.query(`UPDATE enquiries SET mobile_no = '9811100005', updated_at = '2025-01-20 10:00:00' WHERE id = 5`);
    await admin.query(
      `INSERT INTO enquiries (full_name, mobile_no, lead_status, created_at, updated_at) VALUES ('Indu Bala', '9811100009', 'Hot', NOW(), '2025-01-20 10:00:00')`,
    );
    await admin.query(`INSERT INTO enquiries (full_name, mobile_no, created_at, updated_at) VALUES ('Jatin Undated', '9811100010', NOW(), NULL)`);
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 4, created: 3, updated: 1, unchanged: 0, failed: 0 });
    expect(JSON.parse(res.json().cursor)).toEqual({ nullsAfter: '10', after: { updatedAt: '2025-01-20 10:00:00', id: '9' } });
    expect((await byRow(1))?.status).toBe('converted');
    expect(await mysqlLeads()).toHaveLength(9);
    expect((await sync()).json()).toMatchObject({ fetched: 0, created: 0, updated: 0 });
  });

  it('reads through a custom SELECT the same way', async () => {
    const custom = {
      ...config,
      table: undefined,
      query: "SELECT e.* FROM enquiries AS e WHERE e.city <> 'Kochi' OR e.city IS NULL;",
    };
    expect((await put(custom)).statusCode).toBe(200);
    const res = await sync();
    // A new source position: everything it selects is read again (Kochi's row is not), and nothing changes.
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 8, created: 0, updated: 0, unchanged: 8, failed: 0 });
  });

  it('opens the legacy database read-only: writes are refused', async () => {
    const conn = await openReadOnly(legacyUrl);
    try {
      await expect(conn.query(`UPDATE enquiries SET full_name = 'x' WHERE id = 1`)).rejects.toMatchObject({ code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' });
      await expect(conn.query(`INSERT INTO enquiries (full_name) VALUES ('x')`)).rejects.toMatchObject({ code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' });
      await expect(conn.query('CREATE TABLE sneaky (id INT)')).rejects.toMatchObject({ code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' });
    } finally {
      await conn.end();
    }
    const [rows] = await admin.query(`SELECT full_name FROM enquiries WHERE id = 1`);
    expect(rows).toEqual([{ full_name: 'Anil Kumar' }]);
  });
});
