/**
 * One policy per module: the abilities the client gets are the modules' policies put together
 * (every ability the client knows, no other), routes take their roles from their module's
 * policy, and no module writes its own role rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Abilities, type Role } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { abilitiesFor } from './auth.service.js';

const modulesDir = fileURLToPath(new URL('../', import.meta.url));
const files = readdirSync(modulesDir).flatMap((m) => readdirSync(`${modulesDir}${m}`).map((f) => `${m}/${f}`));
const source = (f: string) => readFileSync(`${modulesDir}${f}`, 'utf8');

describe('abilities', () => {
  it('are every ability the client knows, from the policies, per role', () => {
    const of = (role: Role) => Abilities.strict().parse(abilitiesFor({ id: '00000000-0000-4000-8000-000000000001', role, teamId: null }));
    expect(Object.entries(of('admin')).filter(([, v]) => !v)).toEqual([]);
    expect(
      Object.entries(of('manager'))
        .filter(([, v]) => !v)
        .map(([k]) => k)
        .sort(),
    ).toEqual(
      [
        'editDispositions',
        'manageCompliance',
        'manageFollowups',
        'manageKnowledge',
        'manageLeadFields',
        'manageMessaging',
        'manageScorecards',
        'manageSettings',
        'manageSources',
        'manageUsers',
        'viewAudit',
        'viewSettings',
      ].sort(),
    );
    expect(
      Object.entries(of('telecaller'))
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(['createLeads', 'viewReports']);
  });

  it('come from policies: routes take roles from their module’s policy, and no module decides roles elsewhere', () => {
    const routes = files.filter((f) => f.endsWith('.routes.ts'));
    expect(routes.length).toBeGreaterThan(10);
    for (const f of routes) expect({ f, raw: source(f).match(/auth: (ANY_ROLE|STAFF|ADMIN|\[)/)?.[0] ?? null }).toEqual({ f, raw: null });
    const rules = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.policy.ts'));
    for (const f of rules) {
      expect({ f, staff: source(f).match(/role === 'admin' \|\| \w+\.role === 'manager'|const staff = /)?.[0] ?? null }).toEqual({ f, staff: null });
    }
  });
});
