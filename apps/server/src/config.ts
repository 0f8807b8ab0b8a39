/**
 * The one place that reads process.env. Every variable is described, secrets are flagged,
 * and a wrong value stops the process with a message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from './platform/time.js';

/**
 * `live`: the variable may also be set in the product (Settings), where the stored value overrides
 * the environment's on every node without a restart; the group is the page that edits it.
 */
type VarSpec = { schema: z.ZodType; description: string; secret?: boolean; live?: LiveGroup };

/** The groups of settings an admin edits in the product (managers: alerts only). */
export const LIVE_GROUPS = ['sources', 'workload', 'compliance', 'alerts', 'telephony'] as const;
export type LiveGroup = (typeof LIVE_GROUPS)[number];

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(65535);
const url = (protocols: string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), { message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}` });
/** Seconds: a bare number (300) or a duration with a unit (300s, 5m, 1h). */
const seconds = z
  .string()
  .regex(/^\d+(s|m|h|d)?$/, 'must be a number of seconds or a duration such as 30s, 5m or 1h')
  .transform((v) => (/\d$/.test(v) ? Number(v) : Number(v.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86400 }[v.slice(-1) as 's' | 'm' | 'h' | 'd']))
  .refine((v) => v >= 1, 'must be at least 1 second');
/** Comma-separated hosts or URL prefixes, each read as https://host/path/ (a bare host: https://host/). */
const urlPrefixes = z.string().transform((v, ctx) => {
  const out: string[] = [];
  for (const entry of v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `https://${entry}`;
    const u = URL.canParse(withScheme) ? new URL(withScheme) : null;
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.search || u.hash || u.username || u.password) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not a host or an http(s) URL prefix without query, fragment or credentials` });
      return z.NEVER;
    }
    out.push(`${u.origin}${u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`}`);
  }
  return out;
});
const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Kolkata');
const rate = z.coerce.number({ error: 'must be a number' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const optionalText = z.string().min(1).optional();
const SSO_ROLES = ['admin', 'manager', 'telecaller'] as const;
/** group=role pairs, comma-separated: the groups (identity-provider side) that give each TeleHub role. */
const roleMap = z.string().transform((v, ctx) => {
  const out: { group: string; role: (typeof SSO_ROLES)[number] }[] = [];
  for (const entry of v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !group || !(SSO_ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not group=role with role admin, manager or telecaller` });
      return z.NEVER;
    }
    out.push({ group, role: role as (typeof SSO_ROLES)[number] });
  }
  if (out.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must name at least one group=role pair' });
    return z.NEVER;
  }
  return out;
});
const duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 900s, 15m, 12h or 30d')
  .transform((v) => {
    const n = Number(v.slice(0, -1));
    const unit = v.slice(-1);
    const seconds = { s: 1, m: 60, h: 3600, d: 86400 }[unit as 's' | 'm' | 'h' | 'd'];
    return n * seconds;
  });

/** Sections keep related variables together; the README table is generated from this list. */
export const CONFIG_SPEC = {
  server: {
    PORT: { schema: port.default(3000), description: 'Port the server listens on (web app, API, GraphQL, webhooks).' },
    HOST: { schema: z.string().min(1).default('0.0.0.0'), description: 'Interface to listen on.' },
    PUBLIC_BASE_URL: {
      schema: url(['http', 'https']).optional(),
      description: 'The URL vendors and browsers reach this server at; default http://localhost:PORT. Used for webhook signatures and secure cookies.',
    },
    LOG_LEVEL: {
      schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      description: 'Log level (pino).',
    },
    TELEHUB_TRUST_PROXY: {
      schema: bool.default(false),
      description: 'Trust X-Forwarded-* headers from a load balancer (client address for rate limits and the audit log).',
    },
    TELEHUB_WEB_DIR: {
      schema: z.string().min(1).optional(),
      description: 'Directory of the built web app; default apps/web/dist next to the server.',
    },
  },
  security: {
    TELEHUB_METRICS_TOKEN: {
      schema: z.string().min(24, 'must be at least 24 characters').optional(),
      description:
        'Bearer token that opens /metrics and /docs where they are closed (production): give it to Prometheus. An admin’s access token opens them too.',
      secret: true,
    },
    TELEHUB_OPS_PUBLIC: {
      schema: bool.optional(),
      description: 'Serve /metrics and /docs (the API reference) without a token; default on outside production, off in production.',
    },
    TELEHUB_GRAPHQL_INTROSPECTION: {
      schema: bool.optional(),
      description: 'Answer GraphQL introspection and suggest names in errors ("Did you mean"); default on outside production, off in production.',
    },
    TELEHUB_SOURCE_MAPS: {
      schema: bool.optional(),
      description: 'Serve source maps (*.map) of the web app; default on outside production, off in production.',
    },
  },
  storage: {
    TELEHUB_DATA_DIR: {
      schema: z.string().min(1).default('./data'),
      description: 'Embedded database, files, and the lock that keeps one process per directory.',
    },
    DATABASE_URL: {
      schema: url(['postgres', 'postgresql']).optional(),
      description: 'PostgreSQL connection string; unset means the embedded PGlite database in TELEHUB_DATA_DIR.',
      secret: true,
    },
    REDIS_URL: {
      schema: url(['redis', 'rediss']).optional(),
      description: 'Redis for pub/sub fan-out and background jobs; unset means in-process.',
      secret: true,
    },
    TELEHUB_FILE_STORE: {
      schema: z.enum(['local', 's3']).default('local'),
      description:
        'Where uploaded files go (lead imports, DND lists, reject reports): local (TELEHUB_DATA_DIR/files: one node, or a volume every node shares) or s3 (the S3_* bucket, under uploads/).',
    },
    TELEHUB_REDIS_PREFIX: {
      schema: z
        .string()
        .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
        .default('telehub'),
      description:
        'Namespace of the Redis keys (jobs) and pub/sub channels (events), so several deployments or test runs can share one Redis; every node of one deployment uses the same.',
    },
  },
  auth: {
    TELEHUB_ADMIN_EMAIL: { schema: z.email({ error: 'must be an email address' }).optional(), description: 'Creates the first admin when no admin exists.' },
    TELEHUB_ADMIN_PASSWORD: {
      schema: z.string().min(10, 'must be at least 10 characters').optional(),
      description: 'Password of that first admin.',
      secret: true,
    },
    TELEHUB_JWT_SECRET: {
      schema: z.string().min(32, 'must be at least 32 characters').optional(),
      description: 'Key that signs access tokens; unset means one generated and kept in the database (shared by every node).',
      secret: true,
    },
    TELEHUB_ACCESS_TOKEN_TTL: {
      schema: duration.default(900),
      description: 'Lifetime of an access token: a number with a unit (900s, 15m, 12h, 30d); default 15 minutes.',
    },
    TELEHUB_REFRESH_TOKEN_TTL: { schema: duration.default(30 * 86400), description: 'Lifetime of a refresh token (same units); default 30 days.' },
    TELEHUB_LOGIN_RATE_LIMIT: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).default(10),
      description: 'Sign-in attempts allowed per minute for one account from one client address (colleagues behind one office address each have their own).',
    },
    TELEHUB_ADDRESS_RATE_LIMIT: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).default(300),
      description:
        'Sign-ins per minute from one client address, all accounts together; single sign-on starts and returns have the same limit each, and session refreshes (one per app opened) four times it. An office behind one address shares it; the default fits about 300 people starting a shift in the same minute.',
    },
  },
  sso: {
    OIDC_ISSUER: {
      schema: url(['https', 'http']).optional(),
      description:
        'OpenID Connect single sign-on: the issuer URL of the identity provider (its /.well-known/openid-configuration is read from there). Unset: no single sign-on. Register PUBLIC_BASE_URL/api/v1/auth/oidc/callback as the redirect URI.',
    },
    OIDC_CLIENT_ID: { schema: optionalText, description: "TeleHub's client id at the identity provider." },
    OIDC_CLIENT_SECRET: {
      schema: optionalText,
      description: "TeleHub's client secret at the identity provider (sent with HTTP Basic authentication).",
      secret: true,
    },
    OIDC_SCOPES: {
      schema: z
        .string()
        .trim()
        .regex(/(^|\s)openid(\s|$)/, 'must include openid')
        .default('openid email profile'),
      description: 'Scopes asked for, separated by spaces; add the one that releases the group claim if your provider needs it (e.g. groups).',
    },
    OIDC_ROLE_CLAIM: {
      schema: z.string().trim().min(1).default('groups'),
      description: 'The claim (in the ID token or from userinfo) whose values OIDC_ROLE_MAP reads: a string or a list of strings.',
    },
    OIDC_ROLE_MAP: {
      schema: roleMap.optional(),
      description:
        'Which group gives which role: comma-separated group=role pairs, e.g. telehub-admins=admin,telehub-managers=manager,telehub-callers=telecaller. A member of several gets the highest role (admin, then manager, then telecaller); a user in none is refused. Required with OIDC_ISSUER.',
    },
    OIDC_TEAM_CLAIM: {
      schema: optionalText,
      description:
        "The claim naming the user's team (a string or a list; the first value that is a TeleHub team's name, case-insensitive, wins), set on every sign-in; a user whose claim names no TeleHub team is refused. Unset, or absent for a user: the team is managed in TeleHub.",
    },
    OIDC_REQUIRE_VERIFIED_EMAIL: {
      schema: bool.default(true),
      description: 'Refuse a sign-in whose email_verified claim is not true (turn off for providers that never send it and vouch for every address).',
    },
    OIDC_LABEL: {
      schema: z.string().trim().min(1).max(40).default('SSO'),
      description: 'The name on the sign-in button: "Sign in with <label>" (e.g. Google Workspace, Okta).',
    },
    TELEHUB_PASSWORD_SIGNIN: {
      schema: bool.default(true),
      description:
        'Sign-in with email and password. 0 leaves only single sign-on (then POST /api/v1/auth/login answers PASSWORD_SIGNIN_DISABLED); requires OIDC_ISSUER.',
    },
  },
  jobs: {
    TELEHUB_SCHEDULER: {
      schema: bool.default(true),
      description: 'Run scheduled tasks (source syncs, SLA reassignment, outbox delivery) in this process.',
    },
    TELEHUB_JOB_WORKERS: {
      schema: bool.default(true),
      description:
        'Run background jobs in this process. 0 makes an API-only node that only enqueues; it needs REDIS_URL so that worker nodes pick the jobs up.',
    },
    TELEHUB_WORKER_THREADS: {
      schema: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(64).optional(),
      description:
        'Worker threads for CPU-heavy work (encoding report files and exports, measuring call recordings), so that requests do not wait behind it. Unset: one fewer than the CPUs, at least 1 and at most 2. 0 does the work on the main thread.',
    },
    TELEHUB_JOB_REDELIVER: {
      schema: duration.default(15),
      description:
        'How often the job ledger is swept: an accepted job the runner could not take (Redis down) or lost (Redis restarted empty, process killed) is handed over again within about this long after the runner answers; default 15s.',
    },
    TELEHUB_ASSIGNMENT_SLA: {
      live: 'workload',
      schema: duration.default(86400),
      description: 'Reassign an owned lead nobody worked within this time (e.g. 24h); default 24 hours.',
    },
  },
  compliance: {
    TELEHUB_DND_CATEGORY: {
      live: 'compliance',
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be a TRAI category 1-8').max(8, 'must be a TRAI category 1-8').default(3),
      description: "The TRAI preference category of this organisation's calls (3 = education): a number registered for it, or fully blocked, is DND.",
    },
    TELEHUB_CALLING_HOURS: {
      live: 'compliance',
      schema: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM-HH:MM, e.g. 09:00-21:00')
        .default('09:00-21:00'),
      description: "When leads may be called, in the lead's time zone (a campaign may set its own).",
    },
    TELEHUB_MAX_ATTEMPTS_PER_DAY: {
      live: 'compliance',
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(50).default(3),
      description: 'Dial attempts per lead per day (in the lead’s time zone) before further dials are refused.',
    },
    TELEHUB_CONSENT_REQUIRED: {
      live: 'compliance',
      schema: bool.default(false),
      description: 'Refuse to dial a lead without recorded consent to be called (a campaign may require it on its own).',
    },
    TELEHUB_PRIVACY_RESPONSE_DAYS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be 1-90 days').max(90, 'must be 1-90 days').default(30),
      description:
        'Days to answer a data principal’s access, correction, erasure or nomination request (DPDP ss.11-14): the due date a new request gets; default 30.',
    },
    TELEHUB_PRIVACY_GRIEVANCE_DAYS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be 1-90 days').max(90, 'must be 1-90 days').default(30),
      description: 'Days to resolve a grievance (DPDP s.13; the Rules allow at most 90); default 30.',
    },
    TELEHUB_PROCESSING_LOG_DAYS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(365, 'must be at least 365 days (DPDP Rules 6 and 8)').max(3650).default(365),
      description: 'Days the processing log (who processed whose data, for what) is kept; at least a year (DPDP Rules 6 and 8).',
    },
  },
  alerts: {
    TELEHUB_ALERT_LONG_CALL: {
      live: 'alerts',
      schema: seconds.default(900),
      description: 'Alert the managers when a call has been connected longer than this (e.g. 15m).',
    },
    TELEHUB_ALERT_IDLE: {
      live: 'alerts',
      schema: seconds.default(300),
      description: 'Alert when a telecaller has been available without a call this long (e.g. 5m).',
    },
    TELEHUB_ALERT_BREAK: { live: 'alerts', schema: seconds.default(900), description: 'Alert when a telecaller has been on break this long (e.g. 15m).' },
    TELEHUB_ALERT_CALLBACK_OVERDUE: {
      live: 'alerts',
      schema: seconds.default(900),
      description: 'Alert when a scheduled callback is still not made this long after it was due (e.g. 15m).',
    },
    TELEHUB_ALERT_CONNECT_DROP: {
      live: 'alerts',
      schema: rate.default(0.5),
      description: "Alert when a team's connect rate over the last hour falls below this share of its rate over the past 7 days (0..1; 0 turns it off).",
    },
    TELEHUB_ALERT_CONNECT_MIN_CALLS: {
      live: 'alerts',
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000).default(20),
      description: 'Calls a team must have made in the last hour before a connect-rate drop is judged.',
    },
  },
  dialer: {
    TELEHUB_DIALER_TICK_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(50).max(60_000).default(1000),
      description: 'How often the pacer looks at each running campaign it paces, in milliseconds.',
    },
    TELEHUB_ABANDON_WAIT_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(500).max(2000).default(2000),
      description:
        'How long an answered dialer call may wait for a free agent before it is abandoned (the lead hears the safe-harbour message); at most the 2 seconds the rules allow.',
    },
    TELEHUB_ABANDON_MESSAGE: {
      schema: z.string().trim().min(10).max(300).default('Hello, this is TeleHub calling about your enquiry. We will call you back shortly. Thank you.'),
      description: 'The safe-harbour message an abandoned lead hears: who called and that they will be called back.',
    },
    TELEHUB_ABANDON_MESSAGE_HI: {
      schema: z.string().trim().min(10).max(300).default('नमस्ते, आपकी पूछताछ के बारे में टेलीहब से कॉल था। हम आपको जल्द ही वापस कॉल करेंगे। धन्यवाद।'),
      description: 'The same message in Hindi, for leads whose language is Hindi.',
    },
  },
  inbound: {
    TELEHUB_INBOUND_RING_SECONDS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(5).max(120).default(20),
      description: "How long an agent's workspace rings with an inbound call before it is offered to the next agent, in seconds.",
    },
    TELEHUB_INBOUND_MAX_WAIT: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(10).max(3600).default(180),
      description: 'How long a caller waits in the queue with nobody taking the call before they are told and it is missed, in seconds.',
    },
    TELEHUB_INBOUND_CALLBACK_SLA: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_080).default(30),
      description: "A missed caller's callback falls due this many minutes after the call (after the team next opens when it rang while closed).",
    },
    TELEHUB_INBOUND_SERVICE_LEVEL: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(600).default(20),
      description: 'The inbound service level counts callers answered within this many seconds.',
    },
    SIMULATOR_INBOUND_PER_HOUR: {
      schema: z.coerce.number({ error: 'must be a number' }).min(0).max(3600).optional(),
      description: 'The simulator places this many inbound calls an hour (leads calling back, and a few new numbers); default 12 on the demo floor, else 0.',
    },
    SIMULATOR_CALLER_PATIENCE: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(5).max(3600).default(90),
      description: "How long the simulator's inbound callers wait in the queue before they hang up, in seconds.",
    },
  },
  imports: {
    TELEHUB_IMPORT_MAX_MB: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_240).default(512),
      description: 'Largest import file accepted, in megabytes.',
    },
  },
  email: {
    SMTP_URL: {
      schema: url(['smtp', 'smtps']).optional(),
      description:
        'Mail server for scheduled reports, e.g. smtps://user:pass@smtp.example.org:465 or smtp://mail:587 (STARTTLS when offered); unset: reports cannot be emailed.',
      secret: true,
    },
    SMTP_FROM: {
      schema: z.string().trim().min(3).max(200).default('TeleHub <reports@telehub.invalid>'),
      description: 'The From address of emails TeleHub sends.',
    },
  },
  whatsapp: {
    WHATSAPP_TOKEN: {
      schema: optionalText,
      description:
        'WhatsApp Business (Cloud API) access token of a system user with whatsapp_business_messaging and whatsapp_business_management; unset: WhatsApp is not configured (sending is refused, the UI says so).',
      secret: true,
    },
    WHATSAPP_PHONE_NUMBER_ID: { schema: optionalText, description: 'The business phone number id messages are sent from (POST /{id}/messages).' },
    WHATSAPP_BUSINESS_ACCOUNT_ID: {
      schema: optionalText,
      description: 'The WhatsApp Business Account (WABA) id whose approved message templates are synced (GET /{id}/message_templates).',
    },
    WHATSAPP_APP_SECRET: {
      schema: optionalText,
      description: 'The Meta app secret: checks the X-Hub-Signature-256 of webhooks at /webhooks/whatsapp.',
      secret: true,
    },
    WHATSAPP_VERIFY_TOKEN: {
      schema: optionalText,
      description: 'The verify token typed into the app’s webhook settings (the GET /webhooks/whatsapp handshake).',
      secret: true,
    },
    WHATSAPP_API_BASE_URL: {
      schema: url(['http', 'https']).default('https://graph.facebook.com/v21.0'),
      description: 'Graph API base URL with its version.',
    },
    WHATSAPP_TEMPLATE_SYNC: {
      schema: duration.default(21_600),
      description: 'How often the approved templates are synced from Meta (e.g. 6h); admins can also sync at once.',
    },
  },
  demo: {
    TELEHUB_DEMO: {
      schema: bool.optional(),
      description: 'Load demo data into an empty database; default 1 on the embedded store, 0 with DATABASE_URL.',
    },
    TELEHUB_DEMO_FLOOR: {
      schema: bool.optional(),
      description: 'Virtual telecallers work the demo leads through the simulator; default on with demo data, never in production unless set.',
    },
    TELEHUB_DEMO_FLOOR_AGENTS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(10),
      description:
        'How many demo telecallers the floor drives (the last ones listed at start; the first stay free for people). The demo has 12; the soak benchmark adds more.',
    },
  },
  telephony: {
    TELEPHONY_PROVIDER: {
      schema: z.enum(['simulator', 'twilio', 'exotel']).default('simulator'),
      description: 'Which telephony provider places calls: simulator, twilio or exotel.',
    },
    SIMULATOR_ANSWER_RATE: { schema: rate.default(0.35), description: "The simulator's share of calls a person answers (0..1)." },
    SIMULATOR_MACHINE_RATE: {
      schema: rate.default(0.08),
      description: "The simulator's share of answered dialer calls (lead first, with machine detection) that an answering machine picks up (0..1).",
    },
    SIMULATOR_SPEED: {
      schema: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(1000).default(1),
      description: "The simulator's clock speed-up (tests and demos).",
    },
    TWILIO_ACCOUNT_SID: { live: 'telephony', schema: optionalText, description: 'Twilio account SID (AC...).' },
    TWILIO_AUTH_TOKEN: { live: 'telephony', schema: optionalText, description: 'Twilio auth token; also checks webhook signatures.', secret: true },
    TWILIO_CALLER_ID: { live: 'telephony', schema: optionalText, description: 'Twilio number shown to leads.' },
    TWILIO_API_BASE_URL: { schema: url(['http', 'https']).default('https://api.twilio.com'), description: 'Twilio REST base URL.' },
    EXOTEL_ACCOUNT_SID: { live: 'telephony', schema: optionalText, description: 'Exotel account SID.' },
    EXOTEL_API_KEY: { live: 'telephony', schema: optionalText, description: 'Exotel API key.', secret: true },
    EXOTEL_API_TOKEN: { live: 'telephony', schema: optionalText, description: 'Exotel API token.', secret: true },
    EXOTEL_CALLER_ID: { live: 'telephony', schema: optionalText, description: 'ExoPhone shown to leads.' },
    EXOTEL_API_BASE_URL: { schema: url(['http', 'https']).default('https://api.in.exotel.com'), description: 'Exotel REST base URL.' },
    EXOTEL_WEBHOOK_TOKEN: { schema: optionalText, description: 'Secret path token in the Exotel status callback URL.', secret: true },
    EXOTEL_RECORDING_HOSTS: {
      schema: urlPrefixes.prefault(
        'recordings.exotel.com,s3-ap-southeast-1.amazonaws.com/exotelrecordings/,s3.ap-southeast-1.amazonaws.com/exotelrecordings/,s3.ap-south-1.amazonaws.com/exotelrecordings/,s3-ap-south-1.amazonaws.com/exotelrecordings/',
      ),
      description:
        "Where Exotel recordings may be fetched from, comma-separated: a host (https) or a URL prefix (https://host/bucket/; http:// only for a local stand-in). A recording link anywhere else, or a redirect there, is refused and audited, never fetched. EXOTEL_API_BASE_URL's host is always allowed.",
    },
    EXOTEL_RECONCILE_AFTER: {
      schema: seconds.default(600),
      description: 'Ask Exotel for the Call Details of a call whose terminal callback has not come this long after it started.',
    },
    TELEHUB_RING_TIMEOUT: { schema: seconds.default(30), description: 'How long a lead’s phone rings before the call counts as no answer.' },
    TELEHUB_CALL_TIME_LIMIT: { schema: seconds.default(3600), description: 'Longest call the provider lets run.' },
    TELEHUB_RECORD_CALLS: { schema: bool.default(true), description: 'Record calls (dual channel); the recording notice is flagged per call.' },
    TELEHUB_RECORDING_KEYS: {
      schema: z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/,
          'must be id:base64key[,id:base64key...] with 32-byte keys (openssl rand -base64 32)',
        )
        .optional(),
      description: 'AES-256-GCM keys for recordings at rest, newest first (id:base64,...); older keys still decrypt. Unset: one key kept in the database.',
      secret: true,
    },
    TELEHUB_RECORDING_STORE: {
      schema: z.enum(['local', 's3']).default('local'),
      description: 'Where encrypted recordings go: local (TELEHUB_DATA_DIR/files) or s3.',
    },
    S3_ENDPOINT: { schema: url(['http', 'https']).optional(), description: 'S3-compatible endpoint (unset: AWS for S3_REGION).' },
    S3_REGION: { schema: z.string().min(1).default('ap-south-1'), description: 'Region of the S3 bucket that holds recordings.' },
    S3_BUCKET: { schema: optionalText, description: 'Bucket for recordings when TELEHUB_RECORDING_STORE=s3.' },
    S3_ACCESS_KEY_ID: { schema: optionalText, description: 'S3 access key id.', secret: true },
    S3_SECRET_ACCESS_KEY: { schema: optionalText, description: 'S3 secret access key.', secret: true },
    S3_FORCE_PATH_STYLE: { schema: bool.default(true), description: 'Path-style bucket URLs (MinIO and most S3-compatible stores).' },
  },
  llm: {
    LLM_PROVIDER: {
      schema: z.enum(['openai-compatible']).default('openai-compatible'),
      description:
        'Which language-model API suggestions go to once LLM_BASE_URL and LLM_MODEL are set: openai-compatible (OpenAI Chat Completions, or any gateway or server that speaks it).',
    },
    LLM_BASE_URL: {
      schema: url(['http', 'https'])
        .transform((v) => v.replace(/\/+$/, ''))
        .refine((v) => !v.endsWith('/chat/completions'), 'must be the base URL (such as https://api.openai.com/v1), without /chat/completions')
        .optional(),
      description:
        'Base URL of the OpenAI-compatible API (https://api.openai.com/v1, an AI gateway, a self-hosted server); requests go to its /chat/completions. Unset: no language model, and live assist runs on its local engine alone.',
    },
    LLM_API_KEY: {
      schema: optionalText,
      description: 'Sent as `Authorization: Bearer <key>` to LLM_BASE_URL; unset for a server that takes no key.',
      secret: true,
    },
    LLM_MODEL: { schema: optionalText, description: 'Model name sent with every request (e.g. gpt-4o-mini); required with LLM_BASE_URL.' },
    LLM_TIMEOUT_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(100).max(30_000).default(1500),
      description:
        'Longest wait for a suggestion, in milliseconds: past it the request is aborted and the caller carries on without one (a suggestion that comes after the moment is useless).',
    },
    LLM_MAX_TOKENS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(16).max(4096).default(160),
      description: 'Longest answer, in tokens, sent as max_tokens (one or two sentences; Hindi in Devanagari takes more tokens than English).',
    },
    LLM_CALL_TOKEN_BUDGET: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).default(12_000),
      description:
        'Tokens (prompt and answer) the suggestions of one phone call may use, across every server node; past it the call gets no more. Each request first reserves LLM_MAX_TOKENS plus its estimated prompt.',
    },
    LLM_DAY_TOKEN_BUDGET: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1_000_000),
      description: 'Tokens all suggestions together may use in a day (midnight to midnight in India), counted in the database across every server node.',
    },
    LLM_COST_PER_1K_TOKENS: {
      schema: z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0 or more').optional(),
      description:
        'Price of 1,000 tokens (prompt and answer alike) in your billing currency, for the estimated spend in /metrics and the daily usage table; unset: spend is not estimated.',
    },
    EMBEDDINGS_BASE_URL: {
      schema: url(['http', 'https'])
        .transform((v) => v.replace(/\/+$/, ''))
        .refine((v) => !v.endsWith('/embeddings'), 'must be the base URL (such as https://api.openai.com/v1), without /embeddings')
        .optional(),
      description:
        'Base URL of an OpenAI-compatible embeddings API (requests go to its /embeddings). Set with EMBEDDINGS_MODEL, call search also finds calls by meaning; unset: by their words alone.',
    },
    EMBEDDINGS_API_KEY: { schema: optionalText, description: 'Sent as `Authorization: Bearer <key>` to EMBEDDINGS_BASE_URL.', secret: true },
    EMBEDDINGS_MODEL: { schema: optionalText, description: 'Embedding model (e.g. text-embedding-3-small); required with EMBEDDINGS_BASE_URL.' },
  },
  speech: {
    STT_PROVIDER: {
      schema: z.enum(['simulator', 'deepgram', 'openai']).default('simulator'),
      description:
        "Speech-to-text for live calls: simulator (no audio: the simulator's calls carry their own demo transcript), deepgram (streaming) or openai (an OpenAI-compatible transcription endpoint, fed utterances cut by a voice activity detector).",
    },
    STT_LANGUAGE: {
      schema: z.enum(['multi', 'en', 'hi']).default('multi'),
      description: 'Language asked of the speech engine: multi (English, Hindi and Hinglish mixed), en or hi.',
    },
    DEEPGRAM_API_KEY: { schema: optionalText, description: 'Deepgram API key (sent as Authorization: Token).', secret: true },
    DEEPGRAM_API_BASE_URL: {
      schema: url(['wss', 'ws', 'https', 'http']).default('wss://api.deepgram.com'),
      description: 'Deepgram base URL (streams go to /v1/listen over ws(s); recordings are posted to /v1/listen over http(s)).',
    },
    DEEPGRAM_MODEL: { schema: z.string().min(1).default('nova-3'), description: 'Deepgram model.' },
    STT_ENDPOINTING_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(10).max(5000).default(300),
      description: 'Deepgram: silence (ms) that ends an utterance (its `endpointing`).',
    },
    STT_TRANSCRIBE_RECORDINGS: {
      schema: bool.default(true),
      description:
        "deepgram and openai: transcribe a finished call's recording when its live transcript has no words of a side the recording has speaking 5 s or more, and store them as the call's transcript before it is analysed (the simulator never does).",
    },
    STT_OPENAI_BASE_URL: {
      schema: url(['http', 'https']).default('https://api.openai.com/v1'),
      description: 'OpenAI-compatible API base; utterances are posted to <base>/audio/transcriptions.',
    },
    STT_OPENAI_API_KEY: { schema: optionalText, description: 'Bearer key of the OpenAI-compatible endpoint (a self-hosted one may need none).', secret: true },
    STT_OPENAI_MODEL: { schema: z.string().min(1).default('whisper-1'), description: 'Transcription model of the OpenAI-compatible endpoint.' },
    STT_VAD_HANGOVER_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(100).max(3000).default(500),
      description: 'openai: silence (ms) after speech that ends an utterance; shorter answers sooner, longer splits fewer sentences.',
    },
    STT_VAD_MIN_UTTERANCE_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(60).max(5000).default(300),
      description: 'openai: shorter stretches of sound (clicks, coughs) are not sent for transcription.',
    },
    STT_VAD_MAX_UTTERANCE_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(2000).max(60_000).default(15_000),
      description: 'openai: longer speech is cut into utterances of this length.',
    },
    TELEHUB_MEDIA_SECRET: {
      schema: z.string().min(32, 'must be at least 32 characters').optional(),
      description:
        'Key that signs media stream URLs (Twilio, Exotel); unset means one generated and kept in the database. Changing it revokes every URL given out.',
      secret: true,
    },
    TELEHUB_MEDIA_TOKEN_TTL: {
      schema: seconds.default(600),
      description: "How long a call's media stream URL (put in Twilio's TwiML when the call is placed) may be used to connect.",
    },
    TELEHUB_MEDIA_EXOTEL_TOKEN_TTL: {
      schema: seconds.default(365 * 86400),
      description: 'How long the Exotel stream applet URL an admin is given stays valid (it is static in the flow, not per call).',
    },
    TELEHUB_MEDIA_MAX_FRAME_BYTES: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1024).max(1_048_576).default(32_768),
      description: 'Largest websocket message a media stream may send; a larger one closes the stream (1009).',
    },
    TELEHUB_MEDIA_MAX_FPS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(10).max(10_000).default(150),
      description: 'Messages a second a media stream may send on average (Twilio sends 50 a track); bursts of 3 s are allowed, more closes it (1008).',
    },
    TELEHUB_MEDIA_MAX_STREAMS_PER_CALL: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(8).default(2),
      description: 'Media streams one call may have open at once on a server node.',
    },
    TELEHUB_MEDIA_MAX_STREAMS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(500),
      description: 'Media streams a server node takes at once; more are refused (1013) for the load balancer to send elsewhere.',
    },
    TELEHUB_MEDIA_IDLE_TIMEOUT: { schema: seconds.default(15), description: 'A media stream that sends nothing this long is closed.' },
    TELEHUB_MEDIA_MAX_BACKLOG_MS: {
      schema: z.coerce.number({ error: 'must be a number' }).int().min(200).max(60_000).default(5000),
      description: 'Audio (ms) the speech engine may fall behind a stream; past that, frames are dropped and counted (telehub_media_frames_dropped_total).',
    },
  },
  sources: {
    LARAVEL_CRM_URL: { live: 'sources', schema: url(['http', 'https']).optional(), description: 'Legacy Laravel CRM base URL; unset turns the connector off.' },
    LARAVEL_CRM_TOKEN: { live: 'sources', schema: optionalText, description: 'Bearer token for the Laravel CRM API.', secret: true },
    LARAVEL_CRM_TIMEOUT: { live: 'sources', schema: seconds.default(30), description: 'Time-out of one request to the CRM, in seconds (or 30s, 1m).' },
    LARAVEL_CRM_RETRIES: {
      live: 'sources',
      schema: z.coerce.number({ error: 'must be a number' }).int().min(1).max(20).default(5),
      description: 'Attempts per CRM request before a sync run gives up (5xx, time-outs, network errors, 429).',
    },
    LARAVEL_CRM_TIMEZONE: {
      live: 'sources',
      schema: timeZone.default('Asia/Kolkata'),
      description: 'Time zone of CRM timestamps written without an offset (Y-m-d H:i:s), and of legacy MySQL DATETIME values.',
    },
    LARAVEL_SYNC_INTERVAL: {
      live: 'sources',
      schema: seconds.default(300),
      description: 'How often the scheduler pulls changed leads from the CRM, in seconds.',
    },
    LARAVEL_AMQP_URL: {
      live: 'sources',
      schema: url(['amqp', 'amqps']).optional(),
      description: 'RabbitMQ (AMQP 0-9-1) URL the CRM publishes lead events to; unset turns event-driven sync off.',
      secret: true,
    },
    LARAVEL_AMQP_QUEUE: {
      live: 'sources',
      schema: z.string().min(1).max(200).default('telehub.leads'),
      description: 'Durable queue of CRM lead events; malformed messages go to a queue of the same name ending in .dead.',
    },
    LEGACY_MYSQL_URL: {
      live: 'sources',
      schema: url(['mysql', 'mariadb']).optional(),
      description: 'Legacy MySQL database (read only); unset turns the connector off.',
      secret: true,
    },
    LEGACY_MYSQL_SYNC_INTERVAL: {
      live: 'sources',
      schema: seconds.default(300),
      description: 'How often the scheduler reads changed rows from the legacy MySQL database, in seconds.',
    },
  },
} as const satisfies Record<string, Record<string, VarSpec>>;

type Spec = typeof CONFIG_SPEC;
type Section = keyof Spec;
type Parsed<S extends Section> = { [K in keyof Spec[S]]: Spec[S][K] extends { schema: infer Z extends z.ZodType } ? z.output<Z> : never };

export type Config = {
  server: Parsed<'server'> & { PUBLIC_BASE_URL: string; webDir: string };
  /** What is open to anyone: each switch resolved against NODE_ENV (closed in production unless set). */
  security: { metricsToken: string | undefined; opsPublic: boolean; graphqlIntrospection: boolean; sourceMaps: boolean };
  storage: Parsed<'storage'> & { TELEHUB_DATA_DIR: string };
  auth: Parsed<'auth'>;
  /** Single sign-on; `enabled` when the issuer, client id and secret are all set. */
  sso: Parsed<'sso'> & { enabled: boolean };
  jobs: Parsed<'jobs'>;
  imports: Parsed<'imports'>;
  email: Parsed<'email'>;
  /** WhatsApp is configured when WHATSAPP_TOKEN is set (and with it the number, account, app secret and verify token). */
  whatsapp: Parsed<'whatsapp'>;
  dialer: Parsed<'dialer'>;
  inbound: Parsed<'inbound'> & { simulatedPerHour: number };
  alerts: Parsed<'alerts'>;
  compliance: Parsed<'compliance'>;
  demo: { enabled: boolean; floor: boolean; floorAgents: number };
  telephony: Parsed<'telephony'>;
  llm: Parsed<'llm'>;
  speech: Parsed<'speech'>;
  sources: Parsed<'sources'>;
  /** The environment's text of every live variable (unset: undefined), the base stored settings override. */
  liveEnv: Record<string, string | undefined>;
  isProduction: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (or a given record, for tests) into the typed config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, vars] of Object.entries(CONFIG_SPEC)) {
    const values: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(vars as Record<string, VarSpec>)) {
      const raw = env[name];
      const input = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
      const result = spec.schema.safeParse(input);
      if (result.success) values[name] = result.data;
      else {
        const shown = spec.secret ? '(hidden)' : JSON.stringify(raw);
        problems.push(`${name}: ${result.error.issues[0]?.message ?? 'invalid'} (got ${shown})`);
      }
    }
    out[section] = values;
  }
  const server = out.server as Config['server'];
  const storage = out.storage as Config['storage'];
  const jobs = out.jobs as Config['jobs'];
  if (jobs.TELEHUB_JOB_WORKERS === false && !storage.REDIS_URL) {
    problems.push('TELEHUB_JOB_WORKERS: 0 (an API-only node) requires REDIS_URL, so that worker nodes run the jobs it enqueues');
  }
  const auth = out.auth as Config['auth'];
  if (auth.TELEHUB_ADMIN_EMAIL && !auth.TELEHUB_ADMIN_PASSWORD) {
    problems.push('TELEHUB_ADMIN_PASSWORD: required when TELEHUB_ADMIN_EMAIL is set');
  }
  const sso = out.sso as Config['sso'];
  problems.push(...ssoProblems(sso, env.NODE_ENV === 'production'));
  const sources = out.sources as Config['sources'];
  if (sources.LARAVEL_CRM_URL && !sources.LARAVEL_CRM_TOKEN) {
    problems.push('LARAVEL_CRM_TOKEN: required when LARAVEL_CRM_URL is set');
  }
  const telephony = out.telephony as Config['telephony'];
  const need = (when: boolean, names: (keyof Config['telephony'])[], why: string) => {
    if (!when) return;
    for (const n of names) if (!telephony[n]) problems.push(`${n}: required ${why}`);
  };
  need(telephony.TELEPHONY_PROVIDER === 'twilio', ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_CALLER_ID'], 'when TELEPHONY_PROVIDER=twilio');
  need(
    telephony.TELEPHONY_PROVIDER === 'exotel',
    ['EXOTEL_ACCOUNT_SID', 'EXOTEL_API_KEY', 'EXOTEL_API_TOKEN', 'EXOTEL_CALLER_ID', 'EXOTEL_WEBHOOK_TOKEN'],
    'when TELEPHONY_PROVIDER=exotel',
  );
  need(telephony.TELEHUB_RECORDING_STORE === 's3', ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'], 'when TELEHUB_RECORDING_STORE=s3');
  if (telephony.TELEHUB_RECORDING_STORE !== 's3') {
    need(storage.TELEHUB_FILE_STORE === 's3', ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'], 'when TELEHUB_FILE_STORE=s3');
  }
  const whatsapp = out.whatsapp as Config['whatsapp'];
  if (whatsapp.WHATSAPP_TOKEN) {
    for (const n of ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_BUSINESS_ACCOUNT_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'] as const) {
      if (!whatsapp[n]) problems.push(`${n}: required when WHATSAPP_TOKEN is set`);
    }
  }
  const llm = out.llm as Config['llm'];
  problems.push(...llmProblems(llm));
  const speech = out.speech as Config['speech'];
  if (speech.STT_PROVIDER === 'deepgram' && !speech.DEEPGRAM_API_KEY) problems.push('DEEPGRAM_API_KEY: required when STT_PROVIDER=deepgram');
  if (
    speech.STT_PROVIDER === 'openai' &&
    !speech.STT_OPENAI_API_KEY &&
    URL.canParse(speech.STT_OPENAI_BASE_URL) &&
    new URL(speech.STT_OPENAI_BASE_URL).hostname === 'api.openai.com'
  ) {
    problems.push('STT_OPENAI_API_KEY: required when STT_PROVIDER=openai uses api.openai.com (a self-hosted STT_OPENAI_BASE_URL may need none)');
  }
  if (speech.STT_VAD_MIN_UTTERANCE_MS >= speech.STT_VAD_MAX_UTTERANCE_MS) {
    problems.push('STT_VAD_MIN_UTTERANCE_MS: must be below STT_VAD_MAX_UTTERANCE_MS');
  }
  // Twilio and Exotel open media streams over wss only: the public URL must be https.
  if (speech.STT_PROVIDER !== 'simulator' && telephony.TELEPHONY_PROVIDER !== 'simulator' && !server.PUBLIC_BASE_URL?.startsWith('https:')) {
    problems.push(
      `PUBLIC_BASE_URL: must be an https URL when STT_PROVIDER=${speech.STT_PROVIDER} with TELEPHONY_PROVIDER=${telephony.TELEPHONY_PROVIDER} (media streams connect over wss)`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const demoVars = out.demo as { TELEHUB_DEMO?: boolean; TELEHUB_DEMO_FLOOR?: boolean; TELEHUB_DEMO_FLOOR_AGENTS: number };
  const demoFlag = demoVars.TELEHUB_DEMO;
  const demoEnabled = demoFlag ?? !storage.DATABASE_URL;
  const isProduction = env.NODE_ENV === 'production';
  const demoFloor = demoVars.TELEHUB_DEMO_FLOOR ?? (demoEnabled && !isProduction && telephony.TELEPHONY_PROVIDER === 'simulator');
  return {
    server: {
      ...server,
      PUBLIC_BASE_URL: (server.PUBLIC_BASE_URL ?? `http://localhost:${server.PORT}`).replace(/\/+$/, ''),
      webDir: path.resolve(server.TELEHUB_WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname),
    },
    security: securityOf(out.security as Parsed<'security'>, isProduction),
    storage: { ...storage, TELEHUB_DATA_DIR: path.resolve(storage.TELEHUB_DATA_DIR) },
    auth,
    sso: { ...sso, enabled: Boolean(sso.OIDC_ISSUER) },
    demo: {
      enabled: demoEnabled,
      floor: demoFloor,
      floorAgents: demoVars.TELEHUB_DEMO_FLOOR_AGENTS,
    },
    jobs,
    imports: out.imports as Config['imports'],
    email: out.email as Config['email'],
    whatsapp: out.whatsapp as Config['whatsapp'],
    dialer: out.dialer as Config['dialer'],
    inbound: inboundOf(out.inbound as Parsed<'inbound'>, demoFloor, telephony.TELEPHONY_PROVIDER),
    alerts: out.alerts as Config['alerts'],
    compliance: out.compliance as Config['compliance'],
    telephony,
    llm,
    speech,
    sources,
    liveEnv: Object.fromEntries(LIVE_VARS.map((v) => [v.name, blankToUndefined(env[v.name])])),
    isProduction,
  };
}

const blankToUndefined = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim());

export type LiveVar = { name: string; section: Section; group: LiveGroup; secret: boolean; description: string };

/** The variables the product may also set (Settings), in the order of CONFIG_SPEC. */
export const LIVE_VARS: LiveVar[] = Object.entries(CONFIG_SPEC).flatMap(([section, vars]) =>
  Object.entries(vars as Record<string, VarSpec>).flatMap(([name, spec]) =>
    spec.live ? [{ name, section: section as Section, group: spec.live, secret: spec.secret ?? false, description: spec.description }] : [],
  ),
);

export type LiveProblem = { name: string; message: string };

/** What each provider's account needs, in the product as at start-up (EXOTEL_WEBHOOK_TOKEN stays an environment variable: it is in the callback URL of calls under way). */
const ACCOUNT_VARS: Record<Config['telephony']['TELEPHONY_PROVIDER'], string[]> = {
  simulator: [],
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_CALLER_ID'],
  exotel: ['EXOTEL_ACCOUNT_SID', 'EXOTEL_API_KEY', 'EXOTEL_API_TOKEN', 'EXOTEL_CALLER_ID'],
};

/** One live variable's value from its text (undefined: the built-in default), or what is wrong with it, worded as at start-up. */
export function parseLiveVar(name: string, raw: string | undefined): { ok: true; value: unknown } | { ok: false; problem: LiveProblem } {
  const v = LIVE_VARS.find((x) => x.name === name);
  if (!v) return { ok: false, problem: { name, message: 'cannot be set in the product' } };
  const spec = (CONFIG_SPEC[v.section] as Record<string, VarSpec>)[name] as VarSpec;
  const result = spec.schema.safeParse(blankToUndefined(raw));
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: { name, message: result.error.issues[0]?.message ?? 'invalid' } };
}

/**
 * Parses every live variable from `raw` (the environment's text overlaid with stored settings), and
 * checks them together; `provider` (TELEPHONY_PROVIDER, set at start) says which account's
 * credentials must stay complete.
 */
export function parseLiveValues(
  raw: Record<string, string | undefined>,
  provider?: Config['telephony']['TELEPHONY_PROVIDER'],
): { values: Map<string, unknown>; problems: LiveProblem[] } {
  const problems: LiveProblem[] = [];
  const values = new Map<string, unknown>();
  for (const v of LIVE_VARS) {
    const parsed = parseLiveVar(v.name, raw[v.name]);
    if (parsed.ok) values.set(v.name, parsed.value);
    else problems.push(parsed.problem);
  }
  if (values.get('LARAVEL_CRM_URL') && !values.get('LARAVEL_CRM_TOKEN'))
    problems.push({ name: 'LARAVEL_CRM_TOKEN', message: 'required when LARAVEL_CRM_URL is set' });
  const account = ACCOUNT_VARS[provider ?? 'simulator'];
  for (const name of account) if (!values.get(name)) problems.push({ name, message: `required while TELEPHONY_PROVIDER=${provider}` });
  return { values, problems };
}

/**
 * Writes parsed live values into `config` in place, so services that read their section's fields
 * at use time (never copying them at start) see a change made in the product.
 */
export function writeLiveValues(config: Config, values: Map<string, unknown>): void {
  for (const v of LIVE_VARS) (config[v.section as keyof Config] as Record<string, unknown>)[v.name] = values.get(v.name);
}

/** Simulated callers ring only on the simulator: by default a dozen an hour on the demo floor, else none. */
function inboundOf(inbound: Parsed<'inbound'>, demoFloor: boolean, provider: string): Config['inbound'] {
  const perHour = inbound.SIMULATOR_INBOUND_PER_HOUR ?? (demoFloor ? 12 : 0);
  return { ...inbound, simulatedPerHour: provider === 'simulator' ? perHour : 0 };
}

/** The language model is optional, but half a configuration, or budgets no request fits in, is refused. */
function llmProblems(llm: Config['llm']): string[] {
  const problems: string[] = [];
  if (llm.LLM_BASE_URL && !llm.LLM_MODEL) problems.push('LLM_MODEL: required when LLM_BASE_URL is set');
  if (llm.EMBEDDINGS_BASE_URL && !llm.EMBEDDINGS_MODEL) problems.push('EMBEDDINGS_MODEL: required when EMBEDDINGS_BASE_URL is set');
  if (llm.EMBEDDINGS_MODEL && !llm.EMBEDDINGS_BASE_URL) problems.push('EMBEDDINGS_BASE_URL: required when EMBEDDINGS_MODEL is set');
  if (llm.LLM_MODEL && !llm.LLM_BASE_URL) problems.push('LLM_BASE_URL: required when LLM_MODEL is set');
  if (llm.LLM_API_KEY && !llm.LLM_BASE_URL) problems.push('LLM_BASE_URL: required when LLM_API_KEY is set (where would the key go?)');
  if (llm.LLM_CALL_TOKEN_BUDGET <= llm.LLM_MAX_TOKENS) {
    problems.push(`LLM_CALL_TOKEN_BUDGET: must be above LLM_MAX_TOKENS (${llm.LLM_MAX_TOKENS}), since every request reserves that many plus its prompt`);
  }
  if (llm.LLM_DAY_TOKEN_BUDGET < llm.LLM_CALL_TOKEN_BUDGET) problems.push('LLM_DAY_TOKEN_BUDGET: must be at least LLM_CALL_TOKEN_BUDGET');
  return problems;
}

/** Single sign-on is all or nothing, and password sign-in goes off only with it on (or nobody could sign in). */
function ssoProblems(sso: Config['sso'], isProduction: boolean): string[] {
  const problems: string[] = [];
  const set = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((n) => sso[n]);
  if (set.length > 0 && set.length < 3) {
    for (const n of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (!sso[n]) problems.push(`${n}: required for single sign-on (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none)`);
    }
  }
  if (sso.OIDC_ISSUER && !sso.OIDC_ROLE_MAP) {
    problems.push(
      'OIDC_ROLE_MAP: required with OIDC_ISSUER, to say which groups give admin, manager and telecaller (e.g. telehub-admins=admin,telehub-callers=telecaller)',
    );
  }
  if (sso.OIDC_ISSUER?.startsWith('http:') && isProduction) problems.push('OIDC_ISSUER: must be an https URL in production');
  if (!sso.TELEHUB_PASSWORD_SIGNIN && !sso.OIDC_ISSUER) {
    problems.push(
      'TELEHUB_PASSWORD_SIGNIN: 0 (password sign-in off) requires single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody could sign in',
    );
  }
  return problems;
}

function securityOf(v: Parsed<'security'>, isProduction: boolean): Config['security'] {
  return {
    metricsToken: v.TELEHUB_METRICS_TOKEN,
    opsPublic: v.TELEHUB_OPS_PUBLIC ?? !isProduction,
    graphqlIntrospection: v.TELEHUB_GRAPHQL_INTROSPECTION ?? !isProduction,
    sourceMaps: v.TELEHUB_SOURCE_MAPS ?? !isProduction,
  };
}
