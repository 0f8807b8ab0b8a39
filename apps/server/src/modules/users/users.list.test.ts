import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const { users } = t.app.services;
  // A floor: 60 telecallers in Alpha, three with Devanagari names, two deactivated.
  for (let i = 0; i < 60; i++) {
    await users.create(SYSTEM_ACTOR, {
      email: `floor${String(i).padStart(2, '0')}@test.example`,
      name: `Floor Agent ${String(i).padStart(2, '0')}`,
      role: 'telecaller',
      password: PASSWORD,
      teamId: t.cast.teamId,
    });
  }
  for (const [email, name] of [
    ['priya@test.example', 'प्रिया शर्मा'],
    ['rahul@test.example', 'राहुल वर्मा'],
    ['pooja@test.example', 'पूजा शर्मा'],
  ] as const) {
    await users.create(SYSTEM_ACTOR, { email, name, role: 'telecaller', password: PASSWORD, teamId: t.cast.otherTeamId });
  }
  const gone = await users.create(SYSTEM_ACTOR, { email: 'gone@test.example', name: 'Aaron Gone', role: 'telecaller', password: PASSWORD });
  await users.update(SYSTEM_ACTOR, gone.id, { active: false });
});
afterAll(() => t?.close());

type Page = { items: { name: string; email: string; active: boolean; role: string; teamId: string | null }[]; total: number; page: number; pageSize: number };
const get = async (query: string, as = t.cast.admin) => t.request({ method: 'GET', url: `/api/v1/users${query}`, as });

describe('GET /api/v1/users', () => {
  it('answers everyone in one list without paging parameters, as the pickers expect', async () => {
    const res = await get('');
    expect(res.statusCode).toBe(200);
    const body = res.json<Page>();
    // 60 + 3 + 1 + the cast of 5.
    expect(body.total).toBe(69);
    expect(body.items).toHaveLength(69);
    expect(body).toMatchObject({ page: 1, pageSize: 69 });
  });

  it('pages with counts, active people first, then by name', async () => {
    const first = (await get('?page=1&pageSize=50')).json<Page>();
    expect(first).toMatchObject({ total: 69, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    const last = (await get('?page=2&pageSize=50')).json<Page>();
    expect(last.items).toHaveLength(19);
    expect(last.items.at(-1)).toMatchObject({ email: 'gone@test.example', active: false });
    const names = [...first.items, ...last.items].map((u) => u.email);
    expect(new Set(names).size).toBe(69);
    expect((await get('?page=9&pageSize=50')).json<Page>()).toMatchObject({ items: [], total: 69, page: 9 });
    // pageSize alone means page 1, page alone means 50 a page.
    expect((await get('?page=1')).json<Page>()).toMatchObject({ page: 1, pageSize: 50 });
  });

  it('searches names and emails in any case, Devanagari names too', async () => {
    const latin = (await get('?q=FLOOR%20agent%200&pageSize=50')).json<Page>();
    expect(latin.total).toBe(10);
    const email = (await get('?q=Floor59@TEST&pageSize=50')).json<Page>();
    expect(email.items.map((u) => u.email)).toEqual(['floor59@test.example']);
    const hindi = (await get(`?q=${encodeURIComponent('शर्मा')}&pageSize=50`)).json<Page>();
    expect(hindi.items.map((u) => u.name).sort()).toEqual(['पूजा शर्मा', 'प्रिया शर्मा']);
    // A percent sign typed is a character, not a wildcard.
    expect((await get('?q=%25&pageSize=50')).json<Page>().total).toBe(0);
  });

  it('filters by role, team and active state', async () => {
    const managers = (await get('?role=manager&pageSize=50')).json<Page>();
    expect(managers.items.every((u) => u.role === 'manager')).toBe(true);
    expect(managers.total).toBe(2);
    const beta = (await get(`?teamId=${t.cast.otherTeamId}&role=telecaller&pageSize=50`)).json<Page>();
    expect(beta.total).toBe(4);
    const noTeam = (await get('?teamId=none&active=false&pageSize=50')).json<Page>();
    expect(noTeam.items.map((u) => u.email)).toEqual(['gone@test.example']);
    expect((await get('?active=true&pageSize=50')).json<Page>().total).toBe(68);
  });

  it('keeps a manager to the teams they lead, whatever the filter', async () => {
    const res = (await get(`?teamId=${t.cast.otherTeamId}&pageSize=50`, t.cast.manager)).json<Page>();
    expect(res.total).toBe(0);
    const own = (await get('?pageSize=10', t.cast.manager)).json<Page>();
    // Alpha: the manager, the cast's telecaller and the 60.
    expect(own.total).toBe(62);
  });

  it('refuses bad parameters with a message naming them', async () => {
    for (const [query, word] of [
      ['?pageSize=500', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?page=abc', 'page'],
      ['?active=yes', 'active'],
      ['?role=owner', 'role'],
      ['?teamId=beta', 'teamId'],
      [`?q=${'x'.repeat(121)}`, 'q'],
    ] as const) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message, query).toContain(word);
    }
  });
});
