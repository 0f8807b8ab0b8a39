import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const bulk = (csv: string, dryRun = false, as = t.cast.admin) => t.request({ method: 'POST', url: '/api/v1/users/bulk', as, payload: { csv, dryRun } });

describe('POST /api/v1/users/bulk', () => {
  it('previews a good file, then creates everyone with a temporary password shown once', async () => {
    const csv = [
      'Name,Email,Role,Team,Phone,Languages',
      'Anita Rao,Anita.Rao@Test.Example,telecaller,alpha,98765 11111,hi;en',
      'सुनील कुमार,sunil@test.example,,Beta,,Hindi|Marathi',
      `"Kumar, Vijay",vijay@test.example,Manager,${t.cast.teamId},+91 98765 22222,`,
    ].join('\n');
    const preview = await bulk(csv, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, created: 0, errors: [], credentials: [] });
    expect(preview.json().rows).toEqual([
      {
        row: 2,
        name: 'Anita Rao',
        email: 'anita.rao@test.example',
        role: 'telecaller',
        teamId: t.cast.teamId,
        teamName: 'Alpha',
        phone: '+919876511111',
        languages: ['hi', 'en'],
      },
      {
        row: 3,
        name: 'सुनील कुमार',
        email: 'sunil@test.example',
        role: 'telecaller',
        teamId: t.cast.otherTeamId,
        teamName: 'Beta',
        phone: null,
        languages: ['hi', 'mr'],
      },
      {
        row: 4,
        name: 'Kumar, Vijay',
        email: 'vijay@test.example',
        role: 'manager',
        teamId: t.cast.teamId,
        teamName: 'Alpha',
        phone: '+919876522222',
        languages: [],
      },
    ]);
    // A preview creates nobody.
    expect((await t.request({ method: 'GET', url: '/api/v1/users?q=anita', as: t.cast.admin })).json().total).toBe(0);

    const res = await bulk(csv);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.created).toBe(3);
    expect(body.credentials).toHaveLength(3);
    const anita = body.credentials.find((c: { email: string }) => c.email === 'anita.rao@test.example');
    expect(anita.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await t.login('anita.rao@test.example', anita.temporaryPassword)).toEqual(expect.any(String));
    const audit = (await t.request({ method: 'GET', url: '/api/v1/audit?action=user.bulk_create', as: t.cast.admin })).json();
    expect(audit.items[0].details).toEqual({ count: 3 });
    expect(JSON.stringify(audit)).not.toContain(anita.temporaryPassword);
    // Asked again, every row now names an existing account.
    const again = await bulk(csv, true);
    expect(again.json().errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'email'],
      [2, 'phone'],
      [3, 'email'],
      [4, 'email'],
      [4, 'phone'],
    ]);
  });

  it('reports every bad row with its number and creates nobody', async () => {
    const csv = [
      'name,email,role,team,phone,languages',
      'Good One,good1@test.example,telecaller,Alpha,,',
      ',noname@test.example,telecaller,,,',
      'Bad Email,not-an-email,telecaller,,,',
      'Bad Role,role@test.example,owner,,,',
      'Bad Team,team@test.example,telecaller,Gamma,,',
      'Bad Phone,phone@test.example,telecaller,,12,',
      'Bad Lang,lang@test.example,telecaller,,,klingon',
      'Dup Email,GOOD1@test.example,telecaller,,,',
      `Existing,${t.cast.telecaller.email},telecaller,,,`,
    ].join('\r\n');
    const res = await bulk(csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('USER_BULK_INVALID');
    const errors = res.json().errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'name'],
      [4, 'email'],
      [5, 'role'],
      [6, 'team'],
      [7, 'phone'],
      [8, 'languages'],
      [9, 'email'],
      [10, 'email'],
    ]);
    expect(errors.find((e) => e.row === 9)?.message).toContain('row 2');
    expect(errors.find((e) => e.row === 10)?.message).toContain('already has an account');
    expect((await t.request({ method: 'GET', url: '/api/v1/users?q=good1', as: t.cast.admin })).json().total).toBe(0);
  });

  it('refuses a file without the needed columns, an empty one, and non-admins', async () => {
    expect((await bulk('email\nx@test.example', true)).json().errors).toEqual([{ row: 1, field: 'header', message: 'missing column: name' }]);
    expect((await bulk('name,email\n', true)).json().errors[0].field).toBe('file');
    const empty = await bulk('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('csv');
    expect((await bulk('name,email\nA,a@test.example', true, t.cast.manager)).statusCode).toBe(403);
  });
});
