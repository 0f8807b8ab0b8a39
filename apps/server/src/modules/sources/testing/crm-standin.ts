/**
 * A local stand-in of the Laravel CRM's API for tests: checks the bearer token and the Accept
 * header, serves either pagination shape, honours updated_since, and injects faults (status
 * codes, Retry-After, requests that never answer), records every request, and takes call
 * write-backs. Used by the sources tests only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../platform/testing/standin-server.js';
import { parseSourceTime } from '../sources.mapping.js';

export type CrmLead = {
  id: number;
  name: string;
  phone: string | null;
  email?: string | null;
  status?: string | null;
  updated_at: string;
  created_at?: string;
} & Record<string, unknown>;
export type CrmUser = { id: number; name: string; email: string | null };

export type Fault = { kind: 'status'; status: number; headers?: Record<string, string>; body?: string } | { kind: 'hang' } | { kind: 'delay'; ms: number };
/** A fault for requests on `path` (and `page`, when given), `times` times (default once). */
export type FaultRule = { path: string; page?: number; times?: number; fault: Fault };

export type Logged = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
  status: number;
};

const ZONE = 'Asia/Kolkata';

export class CrmStandin {
  token = 'crm-test-token';
  shape: 'paginator' | 'resource' = 'paginator';
  perPage = 3;
  usersShape: 'array' | 'paginator' = 'array';
  readonly leads = new Map<number, CrmLead>();
  users: CrmUser[] = [];
  readonly requests: Logged[] = [];
  readonly calls: { key: string | undefined; body: unknown }[] = [];
  faults: FaultRule[] = [];
  /** Status answered to POST /api/v1/calls (e.g. 422 to refuse). */
  callsStatus = 201;

  private readonly http = new StandinServer((req, res) => this.handle(req, res));

  get url(): string {
    return this.http.url;
  }

  put(...leads: CrmLead[]) {
    for (const l of leads) this.leads.set(l.id, l);
  }

  leadRequests(): Logged[] {
    return this.requests.filter((r) => r.path === '/api/v1/leads');
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  /** Stops answering (connections are refused) until start() is called again on the same port. */
  stop(): Promise<void> {
    return this.http.stop();
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const last = this.requests.at(-1);
    if (last) last.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as unknown) : null;
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body, at: Date.now(), status: 0 });

    if (req.headers.authorization !== `Bearer ${this.token}`) return this.send(res, 401, { message: 'Unauthenticated.' });
    if (!String(req.headers.accept ?? '').includes('application/json')) return this.send(res, 406, { message: 'Not Acceptable' });

    const page = Number(query.page ?? '1');
    const rule = this.faults.find((f) => f.path === url.pathname && (f.page === undefined || f.page === page) && (f.times ?? 1) > 0);
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      const f = rule.fault;
      if (f.kind === 'hang') {
        this.http.hanging.add(res);
        return;
      }
      if (f.kind === 'status') return this.send(res, f.status, f.body ?? { message: `fault ${f.status}` }, f.headers);
      await new Promise((r) => setTimeout(r, f.ms));
    }

    if (req.method === 'GET' && url.pathname === '/api/v1/leads') return this.send(res, 200, this.leadsPage(query.updated_since, page));
    const one = /^\/api\/v1\/leads\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const lead = this.leads.get(Number(one[1]));
      return lead ? this.send(res, 200, { data: lead }) : this.send(res, 404, { message: 'Not Found' });
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/users') {
      if (this.usersShape === 'array') return this.send(res, 200, this.users);
      return this.send(res, 200, this.paginate(this.users, page, '/api/v1/users', {}));
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/calls') {
      const key = req.headers['idempotency-key'];
      if (this.callsStatus >= 200 && this.callsStatus < 300) this.calls.push({ key: typeof key === 'string' ? key : undefined, body });
      return this.send(res, this.callsStatus, this.callsStatus < 300 ? { id: this.calls.length } : { message: 'The given data was invalid.' });
    }
    return this.send(res, 404, { message: 'Not Found' });
  }

  private leadsPage(since: string | undefined, page: number) {
    const from = since ? parseSourceTime(since, ZONE) : null;
    const matching = [...this.leads.values()]
      .filter((l) => {
        const at = parseSourceTime(l.updated_at, ZONE);
        return !from || (at !== null && at >= from);
      })
      .sort((a, b) => (parseSourceTime(a.updated_at, ZONE)?.getTime() ?? 0) - (parseSourceTime(b.updated_at, ZONE)?.getTime() ?? 0) || a.id - b.id);
    return this.paginate(matching, page, '/api/v1/leads', since ? { updated_since: since } : {});
  }

  private paginate<T>(all: T[], page: number, path: string, params: Record<string, string>) {
    const lastPage = Math.max(1, Math.ceil(all.length / this.perPage));
    const data = all.slice((page - 1) * this.perPage, page * this.perPage);
    const link = (p: number) => `${this.url}${path}?${new URLSearchParams({ ...params, page: String(p) })}`;
    const next = page < lastPage ? link(page + 1) : null;
    if (this.shape === 'resource') {
      return {
        data,
        links: { first: link(1), last: link(lastPage), prev: page > 1 ? link(page - 1) : null, next },
        meta: {
          current_page: page,
          from: data.length ? (page - 1) * this.perPage + 1 : null,
          last_page: lastPage,
          path: `${this.url}${path}`,
          per_page: this.perPage,
          to: null,
          total: all.length,
        },
      };
    }
    return {
      current_page: page,
      data,
      first_page_url: link(1),
      from: data.length ? (page - 1) * this.perPage + 1 : null,
      last_page: lastPage,
      last_page_url: link(lastPage),
      next_page_url: next,
      path: `${this.url}${path}`,
      per_page: this.perPage,
      prev_page_url: page > 1 ? link(page - 1) : null,
      to: data.length ? (page - 1) * this.perPage + data.length : null,
      total: all.length,
    };
  }
}
