/**
 * A call as the media streams need it: who places it, under which provider id, whether it is
 * still live, and who the agent is. Read without the call's lock (a stream only asks whether to
 * go on; the lifecycle stays with ingestion).
 */
import type { CallStatus } from '@telehub/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { calls } from './calls.tables.js';

export type CallLink = {
  id: string;
  provider: string;
  providerCallId: string | null;
  status: CallStatus;
  agentId: string | null;
  createdAt: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const columns = {
  id: calls.id,
  provider: calls.provider,
  providerCallId: calls.providerCallId,
  status: calls.status,
  agentId: calls.agentId,
  createdAt: calls.createdAt,
};

export function createCallLookup(deps: { db: Db }) {
  const { db } = deps;
  return {
    async byId(id: string): Promise<CallLink | null> {
      if (!UUID.test(id)) return null;
      const [row] = await db.select(columns).from(calls).where(eq(calls.id, id)).limit(1);
      return row ? { ...row, status: row.status as CallStatus } : null;
    },
    async byProviderCallId(provider: string, providerCallId: string): Promise<CallLink | null> {
      const [row] = await db
        .select(columns)
        .from(calls)
        .where(and(eq(calls.provider, provider), eq(calls.providerCallId, providerCallId)))
        .limit(1);
      return row ? { ...row, status: row.status as CallStatus } : null;
    },
  };
}

export type CallLookup = ReturnType<typeof createCallLookup>;
