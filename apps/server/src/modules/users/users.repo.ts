import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { teams, users } from './users.tables.js';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;
export type TeamRow = typeof teams.$inferSelect;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function insertUser(db: Db, values: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateUserRow(db: Db, id: string, values: Partial<UserInsert>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function listUsers(db: Db, f: { teamIds?: string[]; includeId?: string; role?: string; active?: boolean; phone?: string }) {
  const conds: SQL[] = [];
  if (f.teamIds) {
    const scope = f.teamIds.length > 0 ? inArray(users.teamId, f.teamIds) : sql`false`;
    conds.push(f.includeId ? (or(scope, eq(users.id, f.includeId)) as SQL) : scope);
  }
  if (f.role) conds.push(eq(users.role, f.role as UserRow['role']));
  if (f.active !== undefined) conds.push(eq(users.active, f.active));
  if (f.phone !== undefined) conds.push(eq(users.phone, f.phone));
  return db
    .select()
    .from(users)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(users.name));
}

export type UserFilter = {
  /** The teams in view (a manager's); undefined: everyone. */
  teamIds?: string[];
  /** Always in view (the manager themselves). */
  includeId?: string;
  q?: string;
  role?: UserRow['role'];
  /** A team, or 'none' for people in no team. */
  teamId?: string;
  active?: boolean;
};

/** `%`, `_` and `\` typed in a search box are literal characters, not patterns. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function userWhere(f: UserFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.teamIds) {
    const scope = f.teamIds.length > 0 ? inArray(users.teamId, f.teamIds) : sql`false`;
    conds.push(f.includeId ? (or(scope, eq(users.id, f.includeId)) as SQL) : scope);
  }
  if (f.q) {
    // ILIKE folds Latin case; Devanagari has none, and NFC makes typed and stored forms meet.
    const pattern = `%${likeEscape(f.q.normalize('NFC'))}%`;
    conds.push(or(ilike(users.name, pattern), ilike(users.email, pattern)) as SQL);
  }
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.teamId) conds.push(f.teamId === 'none' ? isNull(users.teamId) : eq(users.teamId, f.teamId));
  if (f.active !== undefined) conds.push(eq(users.active, f.active));
  return conds.length ? and(...conds) : undefined;
}

/** One page of the users matching `f` (active first, then by name), and how many match. */
export async function pageUsers(db: Db, f: UserFilter, page?: { limit: number; offset: number }): Promise<{ rows: UserRow[]; total: number }> {
  const where = userWhere(f);
  const query = db.select().from(users).where(where);
  if (!page) {
    const rows = await query.orderBy(asc(users.name));
    return { rows, total: rows.length };
  }
  const rows = await query
    .orderBy(desc(users.active), asc(sql`lower(${users.name})`), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** The users behind these ids, locked for the rest of `tx` (in id order, so two callers never deadlock). */
export async function lockUsers(tx: Db, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(users).where(inArray(users.id, ids)).orderBy(asc(users.id)).for('update');
}

/** The users among these (lower-cased) emails. */
export async function findUsersByEmails(db: Db, emails: string[]): Promise<UserRow[]> {
  if (emails.length === 0) return [];
  return db.select().from(users).where(inArray(users.email, emails));
}

/** Active users with one of these phones (E.164). */
export async function findActiveByPhones(db: Db, phones: string[]): Promise<UserRow[]> {
  if (phones.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(and(inArray(users.phone, phones), eq(users.active, true)));
}

export async function insertUsers(db: Db, values: UserInsert[]): Promise<UserRow[]> {
  if (values.length === 0) return [];
  return db.insert(users).values(values).returning();
}

export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  const conds: SQL[] = [eq(users.role, 'admin'), eq(users.active, true)];
  if (exceptId) conds.push(ne(users.id, exceptId));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(...conds));
  return row?.n ?? 0;
}

export async function findTeamById(db: Db, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function listTeams(db: Db, ids?: string[]) {
  // Qualified by hand: inside a subquery drizzle would leave the columns ambiguous.
  const memberCount = sql<number>`(select count(*)::int from ${users} m where m.team_id = "teams"."id" and m.active)`;
  return db
    .select({ team: teams, memberCount })
    .from(teams)
    .where(ids ? (ids.length ? inArray(teams.id, ids) : sql`false`) : undefined)
    .orderBy(asc(teams.name));
}

/** Teams a manager leads, plus the team they belong to. */
export async function teamIdsOfManager(db: Db, managerId: string, ownTeamId: string | null): Promise<string[]> {
  const rows = await db.select({ id: teams.id }).from(teams).where(eq(teams.managerId, managerId));
  const ids = new Set(rows.map((r) => r.id));
  if (ownTeamId) ids.add(ownTeamId);
  return [...ids];
}

export async function insertTeam(db: Db, values: typeof teams.$inferInsert): Promise<TeamRow> {
  const [row] = await db.insert(teams).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateTeamRow(db: Db, id: string, values: Partial<typeof teams.$inferInsert>) {
  const [row] = await db.update(teams).set(values).where(eq(teams.id, id)).returning();
  return row;
}

export async function findUsersByIds(db: Db, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}

/** What a session depends on: who the user is now, for the users in `ids` that exist. */
export type UserAccess = Pick<UserRow, 'id' | 'role' | 'teamId' | 'active' | 'sessionVersion'>;

export async function accessOf(db: Db, ids: string[]): Promise<UserAccess[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, role: users.role, teamId: users.teamId, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(inArray(users.id, ids));
}

/**
 * Of the users held at a session version (open websockets), those whose access moved on: gone,
 * disabled, or at another version. Answers only those (usually none), however many are held.
 */
export async function accessMovedOn(db: Db, held: readonly { id: string; sessionVersion: number }[]): Promise<Set<string>> {
  if (held.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select w.id::text as id from jsonb_to_recordset(${JSON.stringify(held)}::jsonb) as w(id uuid, "sessionVersion" int)
      left join ${users} u on u.id = w.id
      where u.id is null or not u.active or u.session_version <> w."sessionVersion"`),
  );
  return new Set(rows.map((r) => r.id));
}

/** Ends the access tokens of these users: each holds a version that is now old. */
export async function bumpSessionVersions(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(inArray(users.id, ids));
}

/** The managers of these teams (a team without one names none). */
export async function managersOfTeams(db: Db, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db.select({ managerId: teams.managerId }).from(teams).where(inArray(teams.id, teamIds));
  return rows.flatMap((r) => (r.managerId ? [r.managerId] : []));
}
