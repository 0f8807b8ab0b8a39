/**
 * For media stream tests: the harness app listening on a port (vendors connect over real
 * websockets), calls put straight into the database in a given state, a vendor's websocket
 * client that records how the server answered or closed, and the stored segments of a call.
 */
import { randomBytes } from 'node:crypto';
import type { TranscriptSegment } from '@telehub/shared';
import { asc, eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { calls, transcriptSegments } from '../modules/calls/calls.tables.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import type { TestApp } from './harness.js';
import { type Conversation, play, twilioFrames } from './speech-audio.js';

export async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app has no port');
  return address.port;
}

let phones = 0;
/** A call of `provider` in `status`, for the cast's telecaller. */
export async function insertCall(t: TestApp, provider: 'twilio' | 'exotel', status = 'in_progress') {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Media Lead ${++phones}`,
    phone: `93${String(10_000_000 + phones * 7717).slice(-8)}`,
    ownerId: t.cast.telecaller.id,
  });
  const providerCallId = `${provider === 'twilio' ? 'CA' : 'EX'}${randomBytes(16).toString('hex')}`;
  const [row] = await t.db.database.db
    .insert(calls)
    .values({ leadId: lead.id, agentId: t.cast.telecaller.id, provider, providerCallId, status })
    .returning({ id: calls.id });
  if (!row) throw new Error('call not inserted');
  return { callId: row.id, providerCallId };
}

export async function setStatus(t: TestApp, callId: string, status: string) {
  await t.db.database.db.update(calls).set({ status }).where(eq(calls.id, callId));
}

export async function segmentsOf(t: TestApp, callId: string): Promise<Omit<TranscriptSegment, 'id' | 'callId'>[]> {
  const rows = await t.db.database.db.select().from(transcriptSegments).where(eq(transcriptSegments.callId, callId)).orderBy(asc(transcriptSegments.seq));
  return rows.map((r) => ({
    seq: r.seq,
    speaker: r.speaker as TranscriptSegment['speaker'],
    language: r.language as TranscriptSegment['language'],
    text: r.text,
    startMs: r.startMs,
    endMs: r.endMs,
  }));
}

export type VendorSocket = {
  ws: WebSocket;
  /** Resolves true when the upgrade succeeded, or with the HTTP status that refused it. */
  opened: Promise<true | number>;
  closed: Promise<{ code: number; reason: string }>;
};

/** Connects as a vendor would, to the path of a stream URL we handed out (its host replaced by the test server's). */
export function connectVendor(port: number, streamUrl: string): VendorSocket {
  const u = new URL(streamUrl);
  const ws = new WebSocket(`ws://127.0.0.1:${port}${u.pathname}${u.search}`);
  const opened = new Promise<true | number>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    ws.once('error', () => resolve(0));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, opened, closed };
}

/**
 * Streams `talk` into each call's media websocket in real time, as Twilio frames it (the lead on
 * the inbound track, the agent on the outbound one), until the server closes each stream.
 * `turnEnded(callId, turn, at)` is told when the frame carrying a turn's last audio is sent: from
 * then on the server has all of that utterance.
 */
export async function streamTwilio(
  t: TestApp,
  port: number,
  placed: { callId: string; providerCallId: string }[],
  talk: Conversation,
  turnEnded: (callId: string, turn: number, at: number) => void,
): Promise<void> {
  await Promise.all(
    placed.map(async ({ callId, providerCallId }) => {
      const v = connectVendor(port, t.app.services.speech.twilioStreamUrl(callId, 'lead') ?? '');
      if ((await v.opened) !== true) throw new Error('the media socket was refused');
      const frames = twilioFrames(
        { inbound: talk.lead, outbound: talk.agent },
        { streamSid: `MZ${callId.slice(0, 8)}`, callSid: providerCallId, accountSid: 'AC1' },
      );
      await play(v.ws, frames, 1, (f, at) => {
        for (const [i, x] of talk.turns.entries()) if (f.atMs <= x.endMs && x.endMs < f.atMs + 20) turnEnded(callId, i, at);
      });
      await v.closed;
    }),
  );
}
