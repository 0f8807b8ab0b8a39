/** The Exotel adapter against a stand-in that checks requests the way Exotel does. */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StandinServer } from '../../../platform/testing/standin-server.js';
import { type DialRequest, ProviderError, type TelephonyProvider } from '../telephony.port.js';
import { createExotelProvider, type ExotelProviderOptions } from './exotel.provider.js';
import { ExotelStandin } from './testing/exotel-standin.js';

const CALL_ID = '5b0c8a3e-2f6d-4c1a-9e7b-0d4f3a2b1c9e';
const TOKEN = 'hook-secret-0123456789';
/** 14:45:30 IST, the stand-in's clock: Exotel's offset-less times must read back as this instant. */
const T0 = new Date('2026-03-02T09:15:30.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const dialReq = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: CALL_ID,
  mode: 'agent_first',
  agentPhone: '+919812345601',
  leadPhone: '+919876543210',
  record: true,
  ringTimeoutSeconds: 30,
  timeLimitSeconds: 3600,
  ...over,
});

let standin: ExotelStandin;
beforeEach(async () => {
  standin = await new ExotelStandin().start();
  standin.now = () => T0;
});
afterEach(async () => standin.stop());

function provider(over: Partial<ExotelProviderOptions> = {}): TelephonyProvider {
  return createExotelProvider({
    accountSid: standin.accountSid,
    apiKey: standin.apiKey,
    apiToken: standin.apiToken,
    callerId: standin.callerId,
    apiBaseUrl: standin.url,
    publicBaseUrl: standin.publicBaseUrl,
    webhookToken: TOKEN,
    recordingSources: [standin.storagePrefix],
    timeoutMs: 2000,
    backoffMs: 5,
    ...over,
  });
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

/** A local port nobody listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function placed(p = provider()): Promise<string> {
  return (await p.dial(dialReq())).providerCallId;
}

describe('Exotel dial (connect two numbers)', () => {
  it('sends the connect request Exotel expects and returns its Call.Sid', async () => {
    const { providerCallId } = await provider().dial(dialReq());
    expect(providerCallId).toMatch(/^[0-9a-f]{32}$/);
    const [req] = standin.connects();
    expect(req?.status).toBe(200);
    expect(req?.form).toEqual({
      From: '+919812345601',
      To: '+919876543210',
      CallerId: standin.callerId,
      CallType: 'trans',
      TimeLimit: '3600',
      TimeOut: '30',
      Record: 'true',
      RecordingChannels: 'dual',
      CustomField: CALL_ID,
      StatusCallback: `${standin.publicBaseUrl}/webhooks/exotel/status/${TOKEN}`,
      'StatusCallbackEvents[0]': 'terminal',
      'StatusCallbackEvents[1]': 'answered',
      StatusCallbackContentType: 'application/json',
    });
    expect(standin.call(providerCallId)).toMatchObject({ customField: CALL_ID, record: true });
  });

  it("keeps TimeLimit within Exotel's 4 hours and leaves recording off when asked", async () => {
    await provider().dial(dialReq({ timeLimitSeconds: 20_000, record: false }));
    expect(standin.connects()[0]?.form).toMatchObject({ TimeLimit: '14400', Record: 'false' });
    expect(standin.connects()[0]?.form.RecordingChannels).toBeUndefined();
  });

  it("reports Exotel's own message for a refused request, without retrying it", async () => {
    const err = await failure(provider({ callerId: '08000000000' }).dial(dialReq()));
    expect(err).toMatchObject({ status: 400, retryable: false });
    expect(err.message).toContain('CallerId 08000000000 is not an ExoPhone of this account');
    expect(standin.connects()).toHaveLength(1);
  });

  it('fails plainly on wrong credentials', async () => {
    const err = await failure(provider({ apiToken: 'wrong' }).dial(dialReq()));
    expect(err).toMatchObject({ status: 401, retryable: false });
    expect(err.message).toMatch(/Authentication is required.*EXOTEL_API_KEY/);
    expect(standin.connects()).toHaveLength(1);
    expect(standin.calls.size).toBe(0);
  });

  it('refuses to dial an agent without a phone before asking Exotel', async () => {
    const err = await failure(provider().dial(dialReq({ agentPhone: '' })));
    expect(err.retryable).toBe(false);
    expect(standin.requests).toHaveLength(0);
  });

  it('refuses a lead_first call before asking Exotel, saying why', async () => {
    const p = provider();
    expect(p.dialModes).toEqual(['agent_first']);
    expect(p.bridge).toBeUndefined();
    // Nor what the dialer needs with it: no machine detection, no abandon message.
    expect(p.machineDetection).toBe(false);
    expect(p.abandon).toBeUndefined();
    const err = await failure(p.dial(dialReq({ mode: 'lead_first', agentPhone: null })));
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('Exotel cannot place lead_first calls');
    expect(err.message).toContain('Connect applet');
    // Even with an agent's phone at hand, a lead_first request is not turned into a click-to-call.
    await failure(p.dial(dialReq({ mode: 'lead_first' })));
    expect(standin.requests).toHaveLength(0);
  });

  it('does not send the connect again after a time-out: the first one placed the call', async () => {
    standin.faults = [{ route: 'connect', fault: { kind: 'hang' } }];
    const err = await failure(provider({ timeoutMs: 300 }).dial(dialReq()));
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/no answer within 0.3 s; not retried/);
    expect(standin.connects()).toHaveLength(1);
    expect(standin.calls.size).toBe(1);
  });

  it('does not send the connect again after a dropped connection or a 5xx', async () => {
    standin.faults = [
      { route: 'connect', fault: { kind: 'reset' } },
      { route: 'connect', fault: { kind: 'status', status: 502, placeCall: true } },
    ];
    expect((await failure(provider().dial(dialReq()))).message).toMatch(/network error.*not retried/);
    const err = await failure(provider().dial(dialReq()));
    expect(err).toMatchObject({ status: 502, retryable: false });
    expect(standin.connects()).toHaveLength(2);
    expect(standin.calls.size).toBe(2);
  });

  it('retries a connect Exotel refused unprocessed (429 with Retry-After)', async () => {
    standin.faults = [{ route: 'connect', fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } }];
    const { providerCallId } = await provider().dial(dialReq());
    expect(standin.connects().map((r) => r.status)).toEqual([429, 200]);
    expect([...standin.calls.keys()]).toEqual([providerCallId]);
  });

  it('retries a connect that never reached Exotel (connection refused), and only that', async () => {
    const target = `${standin.url}/`;
    const refused = `http://127.0.0.1:${await closedPort()}`;
    let attempts = 0;
    const refusedOnce: typeof fetch = async (input, init) => {
      attempts++;
      // The first attempt goes to a port nobody listens on: a real ECONNREFUSED.
      if (attempts === 1) return fetch(String(input).replace(target, `${refused}/`), init);
      return fetch(input, init);
    };
    const { providerCallId } = await provider({ fetch: refusedOnce }).dial(dialReq());
    expect(attempts).toBe(2);
    expect([...standin.calls.keys()]).toEqual([providerCallId]);

    const down = provider({ apiBaseUrl: refused, retries: 2 });
    const err = await failure(down.dial(dialReq()));
    expect(err).toMatchObject({ status: null, retryable: true });
    expect(err.message).toMatch(/network error.*after 3 attempts/);
  });
});

describe('Exotel reconcile (Call Details)', () => {
  it('turns a completed call into the answered and terminal events its callbacks would give', async () => {
    const p = provider();
    const sid = await placed(p);
    standin.finish(sid, { kind: 'completed', talkSeconds: 95 });
    const events = await p.reconcile?.({ callId: CALL_ID, providerCallId: sid });
    expect(standin.requests.at(-1)?.query).toEqual({ details: 'true' });
    expect(events?.map(({ raw, ...e }) => e)).toEqual([
      {
        provider: 'exotel',
        providerEventId: `${sid}:answered`,
        providerCallId: sid,
        callId: CALL_ID,
        kind: 'status',
        status: 'in_progress',
        occurredAt: T0,
        answeredAt: T0,
      },
      {
        provider: 'exotel',
        providerEventId: `${sid}:terminal`,
        providerCallId: sid,
        callId: CALL_ID,
        kind: 'status',
        status: 'completed',
        occurredAt: at(4 + 6 + 95),
        endedAt: at(4 + 6 + 95),
        answeredAt: T0,
        durationSeconds: 95,
        recordingUrl: standin.recordingUrl(standin.call(sid)),
        recordingStatus: 'completed',
      },
    ]);
  });

  it('reads who did not answer from the legs', async () => {
    const p = provider();
    const outcomes = [
      [{ kind: 'lead-no-answer' }, { status: 'no_answer' }],
      [{ kind: 'lead-busy' }, { status: 'busy' }],
      [{ kind: 'agent-no-answer' }, { status: 'failed', hangupBy: 'agent' }],
    ] as const;
    for (const [outcome, expected] of outcomes) {
      const sid = await placed(p);
      standin.finish(sid, outcome);
      const events = (await p.reconcile?.({ callId: CALL_ID, providerCallId: sid })) ?? [];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ providerEventId: `${sid}:terminal`, durationSeconds: 0, ...expected });
      expect(events[0]?.answeredAt).toBeUndefined();
      expect(events[0]?.recordingUrl).toBeUndefined();
    }
  });

  it('is refused as Exotel refuses it: other credentials, another account’s path', async () => {
    const sid = await placed(provider());
    standin.finish(sid, { kind: 'lead-busy' });
    expect(await failure(provider({ apiToken: 'wrong' }).reconcile?.({ callId: CALL_ID, providerCallId: sid }) ?? Promise.resolve())).toMatchObject({
      status: 401,
      retryable: false,
    });
    expect(await failure(provider({ accountSid: 'someone-else' }).reconcile?.({ callId: CALL_ID, providerCallId: sid }) ?? Promise.resolve())).toMatchObject({
      status: 403,
      retryable: false,
    });
    const asked = standin.requests.filter((r) => r.route === 'details');
    expect(asked.map((r) => [r.path, r.status])).toEqual([
      [`/v1/Accounts/${standin.accountSid}/Calls/${sid}.json`, 401],
      [`/v1/Accounts/someone-else/Calls/${sid}.json`, 403],
    ]);
  });

  it('gives no events while the call is still in progress', async () => {
    const p = provider();
    const sid = await placed(p);
    expect(await p.reconcile?.({ callId: CALL_ID, providerCallId: sid })).toEqual([]);
  });

  it('retries Call Details through 5xx, 429 and time-outs', async () => {
    const p = provider({ timeoutMs: 300, retries: 3 });
    const sid = await placed(p);
    standin.finish(sid, { kind: 'lead-busy' });
    standin.faults = [
      { route: 'details', fault: { kind: 'status', status: 503 } },
      { route: 'details', fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } },
      { route: 'details', fault: { kind: 'hang' } },
    ];
    const events = await p.reconcile?.({ callId: CALL_ID, providerCallId: sid });
    expect(events?.map((e) => e.status)).toEqual(['busy']);
    expect(standin.requests.filter((r) => r.route === 'details')).toHaveLength(4);
  });

  it('gives up after its retries, and says a missing call is missing', async () => {
    const p = provider({ retries: 1 });
    standin.faults = [{ route: 'details', times: 5, fault: { kind: 'status', status: 500 } }];
    const err = await failure(p.reconcile?.({ callId: CALL_ID, providerCallId: 'abc' }) ?? Promise.resolve());
    expect(err).toMatchObject({ status: 500, retryable: true });
    expect(err.message).toMatch(/after 2 attempts/);
    standin.faults = [];
    expect(await failure(p.reconcile?.({ callId: CALL_ID, providerCallId: 'nope' }) ?? Promise.resolve())).toMatchObject({ status: 404, retryable: false });
  });
});

describe('Exotel recordings and hang-up', () => {
  it('fetches a recording from the API host with the account credentials', async () => {
    const p = provider();
    const sid = await placed(p);
    standin.finish(sid, { kind: 'completed', talkSeconds: 30 });
    const recordingUrl = standin.recordingUrl(standin.call(sid)) ?? '';
    standin.faults = [{ route: 'recording', fault: { kind: 'status', status: 500 } }];
    const audio = await p.fetchRecording({ callId: CALL_ID, providerCallId: sid, recordingUrl });
    expect(audio).toEqual({ body: standin.recordingBytes(sid), contentType: 'audio/mpeg' });
    expect(standin.requests.filter((r) => r.route === 'recording').map((r) => r.status)).toEqual([500, 200]);
  });

  it('sends no credentials to a recording stored elsewhere, nor when the API host redirects there', async () => {
    for (const host of ['storage', 'redirect'] as const) {
      standin.recordingHost = host;
      const p = provider();
      const sid = await placed(p);
      standin.finish(sid, { kind: 'completed', talkSeconds: 30 });
      const recordingUrl = standin.recordingUrl(standin.call(sid)) ?? '';
      const before = standin.requests.length;
      const audio = await p.fetchRecording({ callId: CALL_ID, providerCallId: sid, recordingUrl });
      expect(audio.body.equals(standin.recordingBytes(sid))).toBe(true);
      const fetched = standin.requests.slice(before);
      const storage = fetched.filter((r) => r.path.startsWith('/exotelrecordings/'));
      expect(storage).toHaveLength(1);
      expect(storage[0]?.headers.authorization).toBeUndefined();
      if (host === 'redirect')
        expect(fetched.map((r) => [r.status, Boolean(r.headers.authorization)])).toEqual([
          [302, true],
          [200, false],
        ]);
    }
  });

  it('never fetches a recording from a host off the list, nor follows a redirect there', async () => {
    const foreign: string[] = [];
    const server = new StandinServer(async (req, res) => {
      foreign.push(req.url ?? '');
      res.end('not audio');
    });
    await server.start();
    try {
      const p = provider({ recordingSources: [] });
      const url = `${server.url}/exotelrecordings/${standin.accountSid}/x.mp3`;
      expect(p.recordingUrlProblem?.(url)).toContain('EXOTEL_RECORDING_HOSTS');
      const err = await failure(p.fetchRecording({ callId: CALL_ID, providerCallId: 'x', recordingUrl: url }));
      expect(err).toMatchObject({ retryable: false, message: expect.stringContaining(`${server.url} is not one of Exotel's recording hosts`) });
      // The list is by prefix: the bucket's path, not the whole host.
      const sameHostOtherPath = provider({ recordingSources: [`${server.url}/exotelrecordings/`] });
      expect(sameHostOtherPath.recordingUrlProblem?.(`${server.url}/otherbucket/x.mp3`)).toContain('EXOTEL_RECORDING_HOSTS');
      expect(sameHostOtherPath.recordingUrlProblem?.(`${server.url}/exotelrecordings/../otherbucket/x.mp3`)).toContain('EXOTEL_RECORDING_HOSTS');
      expect(sameHostOtherPath.recordingUrlProblem?.(url)).toBeNull();
      expect(foreign).toEqual([]);

      // The API host redirects to a storage host that is not on the list: not followed.
      standin.recordingHost = 'redirect';
      const sid = await placed(p);
      standin.finish(sid, { kind: 'completed', talkSeconds: 30 });
      const viaApi = standin.recordingUrl(standin.call(sid)) ?? '';
      expect(p.recordingUrlProblem?.(viaApi)).toBeNull();
      const redirected = await failure(p.fetchRecording({ callId: CALL_ID, providerCallId: sid, recordingUrl: viaApi }));
      expect(redirected.retryable).toBe(false);
      expect(standin.requests.filter((r) => r.path.startsWith('/exotelrecordings/'))).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a recording URL that is not http(s)', async () => {
    const err = await failure(provider().fetchRecording({ callId: CALL_ID, providerCallId: 'x', recordingUrl: 'file:///etc/passwd' }));
    expect(err.retryable).toBe(false);
    expect(standin.requests).toHaveLength(0);
  });

  it('refuses to hang up, since Exotel v1 has no API for it', async () => {
    const err = await failure(provider().hangup({ callId: CALL_ID, providerCallId: 'x' }));
    expect(err).toMatchObject({ retryable: false });
    expect(standin.requests).toHaveLength(0);
  });

  it('offers no supervision', () => {
    expect(provider()).toMatchObject({ name: 'exotel', supervision: [] });
  });
});
