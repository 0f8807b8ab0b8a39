/**
 * The composition root of the domain services, shared by the HTTP app and the CLI. Each
 * service gets only what it needs; cross-module needs are passed in here, never imported.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import * as agentsModule from './modules/agents/index.js';
import { createAgentsService } from './modules/agents/index.js';
import * as alertsModule from './modules/alerts/index.js';
import { createAlertsService } from './modules/alerts/index.js';
import * as analysisModule from './modules/analysis/index.js';
import { createAnalysisService, createCallSearch, modelSummarizer } from './modules/analysis/index.js';
import { createAnalyticsService } from './modules/analytics/index.js';
import * as assignmentModule from './modules/assignment/index.js';
import { createAssignmentService } from './modules/assignment/index.js';
import { checkpointsIn, createAssistEngine, createAssistService, normalize } from './modules/assist/index.js';
import { createAuditService } from './modules/audit/index.js';
import { createAuthService, createSessions, createSsoService, revokeAllSessions } from './modules/auth/index.js';
import * as callsModule from './modules/calls/index.js';
import {
  campaignDialModes,
  createCallControls,
  createCallEngagement,
  createCallFacts,
  createCallFigures,
  createCallHistory,
  createCallLookup,
  createCallPartitions,
  createCallsReader,
  createCallsRetention,
  createCallsService,
  createCampaignCalls,
  createDispositions,
  createIngest,
  createRecordedTranscripts,
  createRecordingPlayback,
  createRedial,
  createTranscriptWriter,
} from './modules/calls/index.js';
import * as campaignsModule from './modules/campaigns/index.js';
import { createCampaignAccess, createCampaignsService } from './modules/campaigns/index.js';
import * as coachingModule from './modules/coaching/index.js';
import { createCoachingService } from './modules/coaching/index.js';
import * as complianceModule from './modules/compliance/index.js';
import { createComplianceService, createConsents, createDialGate, createNotices } from './modules/compliance/index.js';
import * as demoModule from './modules/demo/index.js';
import * as dialerModule from './modules/dialer/index.js';
import { createDialerService, realTimers, type Timers } from './modules/dialer/index.js';
import * as followupsModule from './modules/followups/index.js';
import { createFollowupEngine, createFollowupsService } from './modules/followups/index.js';
import * as importsModule from './modules/imports/index.js';
import { createImportsService } from './modules/imports/index.js';
import * as inboundModule from './modules/inbound/index.js';
import { createInboundEngagement, createInboundService, createSimulatedCallers } from './modules/inbound/index.js';
import { createKnowledgeService } from './modules/knowledge/index.js';
import { createLeadDataHolders, createLeadsService } from './modules/leads/index.js';
import * as llmModule from './modules/llm/index.js';
import { createLlmGateway, llmLimits } from './modules/llm/index.js';
import * as messagingModule from './modules/messaging/index.js';
import { createMessaging } from './modules/messaging/index.js';
import { loadUnderstanding } from './modules/nlu/index.js';
import * as privacyModule from './modules/privacy/index.js';
import { createPrivacy, createProcessingLog } from './modules/privacy/index.js';
import * as qaModule from './modules/qa/index.js';
import { createQaService } from './modules/qa/index.js';
import { createKeyring, createObjectStore, createRecordingsService } from './modules/recordings/index.js';
import * as reportsModule from './modules/reports/index.js';
import {
  createIntakeReader,
  createRefusalCounter,
  createReportExports,
  createReportFiles,
  createReportMaintenance,
  createReportReader,
  createReportSchedules,
  createReportsService,
  createRollups,
} from './modules/reports/index.js';
import { createSettingsService } from './modules/settings/index.js';
import { createSetupService } from './modules/setup/index.js';
import * as sourcesModule from './modules/sources/index.js';
import { createSourcesService } from './modules/sources/index.js';
import { createRecordingTranscriber, createSpeechService } from './modules/speech/index.js';
import { createUsersService } from './modules/users/index.js';
import { createTokenSigner, type TokenSigner } from './platform/auth/tokens.js';
import { type Clock, SYSTEM_ACTOR, systemClock } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import type { EventBus } from './platform/events/bus.js';
import { createDomainEvents } from './platform/events/domain.js';
import { createEventBus, type SelectedEventBus } from './platform/events/index.js';
import { createDurableJobQueue, createJobQueue, type JobQueue } from './platform/jobs/index.js';
import { createScheduler } from './platform/jobs/scheduler.js';
import type { Logger } from './platform/logging.js';
import { createRegistrar, registerJobLedger, registerOutbox } from './platform/modules.js';
import { getOrCreateSecret } from './platform/settings/settings.js';
import { createS3FileStore, s3OptionsFrom } from './platform/storage/s3.js';
import { createLocalFileStore, type FileStore } from './platform/storage/storage.js';
import { createWorkerPool, defaultPoolSize } from './platform/workers/index.js';
import { createMailer } from './providers/email/index.js';
import { createEmbeddingsProvider } from './providers/embeddings/index.js';
import { createLlmProvider } from './providers/llm/index.js';
import { createWhatsAppClient } from './providers/messaging/whatsapp/index.js';
import { createSttProvider, type SttProvider } from './providers/stt/index.js';
import { createTelephonyProvider, isSimulatorProvider, type MediaStreams, type TelephonyProvider } from './providers/telephony/index.js';

export type ServiceDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Defaults: the in-process job runner, a scheduler (started by main), files under TELEHUB_DATA_DIR/files. */
  jobs?: JobQueue;
  files?: FileStore;
  bus?: EventBus;
  /** Default: the provider TELEPHONY_PROVIDER names. Tests may pass one built on a stand-in. */
  telephony?: (sink: Parameters<typeof createTelephonyProvider>[0]['sink'], media: MediaStreams) => Promise<TelephonyProvider>;
  /** Default: the engine STT_PROVIDER names. */
  stt?: SttProvider;
  /** Default: real timers. The dialer's benchmark runs it on a simulated clock's. */
  timers?: Timers;
  /** The app's metrics registry (/metrics), for services that report figures of their own. */
  metrics?: Registry;
};

export async function createSigner(config: Config, database: Database): Promise<TokenSigner> {
  const secret = config.auth.TELEHUB_JWT_SECRET ?? (await getOrCreateSecret(database.db, 'auth.jwt_secret'));
  return createTokenSigner(secret, config.auth.TELEHUB_ACCESS_TOKEN_TTL);
}

/** The zone the organisation's days (reports, today's figures, schedules) are counted in; migration 0026's triggers (presence and QA scores by day) name it too. */
const ORG_TIME_ZONE = 'Asia/Kolkata';

export async function createServices(deps: ServiceDeps) {
  const { config, database, logger } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  // REDIS_URL: events fan out to every node and jobs run once across nodes; else in-process.
  const redisUrl = config.storage.REDIS_URL;
  // One namespace for keys and channels: the nodes of a deployment share it, other deployments don't.
  const prefix = config.storage.TELEHUB_REDIS_PREFIX;
  const nodeId = randomUUID().slice(0, 8);
  // Every accepted job is kept in the database until it finishes, whatever happens to its runner.
  // The outbox pass always has one id: a repeat soon after a finished pass must still run.
  const jobs = createDurableJobQueue({
    db,
    clock,
    logger,
    sweepEveryMs: config.jobs.TELEHUB_JOB_REDELIVER * 1000,
    inner:
      deps.jobs ??
      createJobQueue({
        redisUrl,
        logger,
        prefix,
        nodeId,
        workers: config.jobs.TELEHUB_JOB_WORKERS,
        keepCompletedMsByJob: { 'sources.outbox.deliver': 0 },
      }),
  });
  const bus: EventBus & Pick<SelectedEventBus, 'ping'> = deps.bus ?? createEventBus({ redisUrl, logger, nodeId, prefix });
  const scheduler = createScheduler({ db, clock, logger });
  const events = createDomainEvents({ db, clock, logger, nodeId });
  const localFiles = createLocalFileStore(path.join(config.storage.TELEHUB_DATA_DIR, 'files'));
  // Uploads (imports, DND lists, reject reports): in a bucket when several nodes share the work.
  const files = deps.files ?? (config.storage.TELEHUB_FILE_STORE === 's3' ? createS3FileStore(s3Options(config)) : localFiles);
  const signer = await createSigner(config, database);
  // CPU-heavy work (report files, recording measures) runs on these threads; requests keep the main one.
  const workers = createWorkerPool({ size: config.jobs.TELEHUB_WORKER_THREADS ?? defaultPoolSize() });
  const audit = createAuditService({ db, clock });
  // Settings changed in the product are put in force in `config` before any service reads it.
  const keyring = await createKeyring(config.telephony, db);
  const settings = createSettingsService({ db, clock, logger, config, keyring, audit, bus });
  await settings.load();
  const setup = createSetupService({ db, telephonyProvider: config.telephony.TELEPHONY_PROVIDER });
  const users = createUsersService({ db, clock, audit, logger, bus, endSessions: revokeAllSessions });
  // Whether an access token's session is still open: every request and socket asks.
  const sessions = createSessions({ db, clock, signer, bus, users, logger });
  // What leads and agents need of campaigns (the campaign filter, who may join one) comes before
  // the campaigns service itself, which needs the telephony provider built further down.
  const campaignAccess = createCampaignAccess({ db });
  const callEngaged = createCallEngagement({ db, clock });
  const offeredLead = createInboundEngagement({ db });
  const leads = createLeadsService({
    db,
    clock,
    audit,
    users,
    bus,
    events,
    copyFrom: database.copyFrom,
    campaignFilter: campaignAccess.leadFilter,
    holders: createLeadDataHolders(),
    // A lead is open to an agent who had a call with them in the last day, or whose workspace an inbound call of theirs rings.
    engaged: async (agentId, leadId) => (await callEngaged(agentId, leadId)) || (await offeredLead(agentId, leadId)),
  });
  const auth = createAuthService({
    db,
    clock,
    signer,
    refreshTtlSeconds: config.auth.TELEHUB_REFRESH_TOKEN_TTL,
    users,
    audit,
    sessions,
    passwordSignIn: config.sso.TELEHUB_PASSWORD_SIGNIN,
  });
  const sso = createSsoService({
    sso: config.sso,
    publicBaseUrl: config.server.PUBLIC_BASE_URL,
    // Read on the first single sign-on only: a deployment without it stores no key.
    flowKey: () => getOrCreateSecret(db, 'auth.sso_flow_key'),
    clock,
    logger,
    users,
    audit,
    auth,
  });

  // Agents (presence, callbacks, the workspace queue), then the call engine: the one ingestion
  // path first, the provider that feeds it, then the engine on top.
  const campaignCalls = createCampaignCalls({ db });
  const agents = createAgentsService({
    db,
    clock,
    bus,
    leads,
    scope: (actor) => users.watched(actor),
    joinable: async (agentId, campaignId) => {
      const agent = await users.findActive(agentId);
      await campaignAccess.assertJoinable({ id: agentId, teamId: agent?.teamId ?? null }, campaignId);
    },
    linesOut: async (campaignId) => (await campaignCalls.lines(campaignId)).filter((l) => l.leadFirst && !l.agentId).length,
  });
  const transcripts = createTranscriptWriter({ db, bus, logger });
  const ingest = createIngest({ db, clock, logger, bus, presence: agents.presence, events, transcripts });
  // Live calls' audio (media streams) to the speech engine, and the stream URLs providers hand out.
  const sp = config.speech;
  const stt = deps.stt ?? createSttProvider({ config, logger });
  const speech = createSpeechService({
    stt,
    calls: createCallLookup({ db }),
    ingest,
    bus,
    clock,
    logger,
    secret: sp.TELEHUB_MEDIA_SECRET ?? (await getOrCreateSecret(db, 'speech.media_secret')),
    publicBaseUrl: config.server.PUBLIC_BASE_URL,
    callTokenTtlSeconds: sp.TELEHUB_MEDIA_TOKEN_TTL,
    appletTokenTtlSeconds: sp.TELEHUB_MEDIA_EXOTEL_TOKEN_TTL,
    language: sp.STT_LANGUAGE,
    accounts: { twilio: config.telephony.TWILIO_ACCOUNT_SID, exotel: config.telephony.EXOTEL_ACCOUNT_SID },
    limits: {
      maxFrameBytes: sp.TELEHUB_MEDIA_MAX_FRAME_BYTES,
      maxFps: sp.TELEHUB_MEDIA_MAX_FPS,
      maxStreamsPerCall: sp.TELEHUB_MEDIA_MAX_STREAMS_PER_CALL,
      maxStreams: sp.TELEHUB_MEDIA_MAX_STREAMS,
      idleTimeoutMs: sp.TELEHUB_MEDIA_IDLE_TIMEOUT * 1000,
      maxBacklogMs: sp.TELEHUB_MEDIA_MAX_BACKLOG_MS,
      startTimeoutMs: 10_000,
    },
  });
  const media: MediaStreams = { twilioStreamUrl: speech.twilioStreamUrl };
  const telephony = await (deps.telephony ? deps.telephony(ingest, media) : createTelephonyProvider({ config, logger, sink: ingest, clock, media }));
  const campaigns = createCampaignsService({ db, clock, audit, users, dialModes: campaignDialModes(telephony) });
  const assignment = createAssignmentService({ db, clock, logger, audit, leads, users, campaigns, slaSeconds: () => config.jobs.TELEHUB_ASSIGNMENT_SLA });
  const imports = createImportsService({
    db,
    clock,
    logger,
    jobs,
    files,
    audit,
    maxBytes: config.imports.TELEHUB_IMPORT_MAX_MB * 1_048_576,
    mergeWorkers: database.kind === 'postgres' ? 2 : 1,
    leads,
    campaigns,
    events,
  });
  // Sources (connectors and CRM write-back).
  const sources = createSourcesService({ db, clock, logger, config: config.sources, settings, jobs, audit, leads, users });
  const compliance = createComplianceService({ db, clock, logger, jobs, audit, imports, leads, category: () => config.compliance.TELEHUB_DND_CATEGORY });
  const t = config.telephony;
  const c = config.compliance;
  // The processing log (privacy) records consent changes too, so it comes first.
  const processing = createProcessingLog({ db, clock, keepDays: () => c.TELEHUB_PROCESSING_LOG_DAYS });
  const notices = createNotices({ db, audit });
  const consents = createConsents({ db, audit, leads, notices, processing });
  const refusalCounter = createRefusalCounter({ db, timeZone: ORG_TIME_ZONE });
  const dialGate = createDialGate({
    db,
    audit,
    consents,
    campaigns,
    // Read at each dial, so a change made in Settings applies to the next one.
    rules: {
      get callingHours() {
        return c.TELEHUB_CALLING_HOURS;
      },
      get maxAttemptsPerDay() {
        return c.TELEHUB_MAX_ATTEMPTS_PER_DAY;
      },
      get consentRequired() {
        return c.TELEHUB_CONSENT_REQUIRED;
      },
    },
    events,
  });
  const recordingStore = createRecordingsService({
    db,
    clock,
    logger,
    keyring,
    store: createObjectStore(config.telephony, deps.files ?? localFiles),
  });
  const recordings = {
    save: recordingStore.save,
    remove: recordingStore.remove,
    stat: recordingStore.stat,
    open: async (id: string, range?: { start: number; end: number }) => (await recordingStore.open(id, range)).stream,
    destroyKeys: recordingStore.destroyKeys,
  };
  const dispositions = createDispositions({
    db,
    audit,
    campaigns: { exists: async (id) => (await campaigns.row(id)) !== undefined, offered: async (id) => (await campaigns.row(id))?.dispositions ?? null },
  });
  const callsReader = createCallsReader({ db, leads, users, agents });
  const calls = createCallsService({
    db,
    clock,
    logger,
    bus,
    jobs,
    audit,
    provider: telephony,
    ingest,
    agents,
    dialGate,
    dispositions,
    leads,
    users,
    reader: callsReader,
    recordings,
    rules: {
      ringTimeoutSeconds: t.TELEHUB_RING_TIMEOUT,
      timeLimitSeconds: t.TELEHUB_CALL_TIME_LIMIT,
      record: t.TELEHUB_RECORD_CALLS,
      reconcileAfterSeconds: t.TELEPHONY_PROVIDER === 'exotel' ? t.EXOTEL_RECONCILE_AFTER : null,
    },
    events,
    nodeId,
  });
  // The agent's controls on a live call (mute, hold, keypad tones, transfer) and the redial of another of the lead's numbers.
  const callControls = createCallControls({ db, clock, logger, bus, audit, provider: telephony, agents, users, leads, reader: callsReader, nodeId });
  const callRedial = createRedial({
    provider: telephony,
    controls: callControls,
    calls,
    leads,
    dndBlocks: async (phone) => (await compliance.check(phone)).blocksUs,
  });
  // Inbound: callers reach their owner, the team or anyone free through a queue, or are owed a callback.
  const ib = config.inbound;
  const inbound = createInboundService({
    db,
    clock,
    logger,
    bus,
    audit,
    provider: telephony,
    calls,
    leads,
    users,
    agents,
    leadCampaigns: async (leadId) => [...((await campaigns.campaignsOfLeads([leadId])).get(leadId) ?? [])],
    options: {
      ringSeconds: ib.TELEHUB_INBOUND_RING_SECONDS,
      maxWaitSeconds: ib.TELEHUB_INBOUND_MAX_WAIT,
      callbackSlaMinutes: ib.TELEHUB_INBOUND_CALLBACK_SLA,
      serviceLevelSeconds: ib.TELEHUB_INBOUND_SERVICE_LEVEL,
      record: t.TELEHUB_RECORD_CALLS,
      timeZone: ORG_TIME_ZONE,
    },
  });
  telephony.listen?.(inbound.hooks);
  const simulatedCallers =
    isSimulatorProvider(telephony) && ib.simulatedPerHour > 0
      ? createSimulatedCallers({
          clock,
          recentLeads: async (since, limit) => [...(await leads.calls.briefs(await calls.recentlyDialledLeads(since, limit))).values()],
          ring: (from) => telephony.incoming({ from }),
        })
      : null;
  // The knowledge base and battlecards: each node searches its own in-memory index (built at start).
  const knowledge = createKnowledgeService({ db, clock, logger, audit, bus, nodeId });
  const d = config.dialer;
  const dialer = createDialerService({
    db,
    clock,
    logger,
    bus,
    nodeId,
    campaigns,
    calls,
    campaignCalls,
    timers: deps.timers,
    presence: agents.presence,
    users,
    leads,
    options: {
      tickMs: d.TELEHUB_DIALER_TICK_MS,
      answerWaitMs: d.TELEHUB_ABANDON_WAIT_MS,
      abandonMessage: { en: d.TELEHUB_ABANDON_MESSAGE, hi: d.TELEHUB_ABANDON_MESSAGE_HI },
    },
  });
  const playback = createRecordingPlayback({ clock, audit, recordings, reader: callsReader, processing });
  // The figures people act on, read from calls, presence and callbacks.
  const figures = createCallFigures({ db });
  const analytics = createAnalyticsService({ clock, timeZone: ORG_TIME_ZONE, figures, presence: agents.presence, callbacks: agents.callbacks, users, leads });
  const a = config.alerts;
  const alerts = createAlertsService({
    db,
    clock,
    bus,
    logger,
    // Read at each look at the floor, so thresholds changed in Settings apply within a second.
    thresholds: () => ({
      longCallSeconds: a.TELEHUB_ALERT_LONG_CALL,
      idleSeconds: a.TELEHUB_ALERT_IDLE,
      breakSeconds: a.TELEHUB_ALERT_BREAK,
      callbackOverdueSeconds: a.TELEHUB_ALERT_CALLBACK_OVERDUE,
      connectDropRatio: a.TELEHUB_ALERT_CONNECT_DROP,
      connectMinCalls: a.TELEHUB_ALERT_CONNECT_MIN_CALLS,
    }),
    analytics,
    users,
    leads,
    audit,
  });

  // The optional language model the assist engine asks for suggestions; without LLM_BASE_URL it says not_configured.
  const llm = createLlmGateway({
    db,
    clock,
    logger,
    provider: createLlmProvider(config.llm),
    limits: llmLimits(config.llm),
    timeZone: ORG_TIME_ZONE,
    registry: deps.metrics,
  });

  // Live assist: the local model reads each stored segment on the node that stored it; cards go out on the bus.
  const { understand } = loadUnderstanding();
  const assistEngine = createAssistEngine({
    db,
    bus,
    logger,
    clock,
    timers: deps.timers ?? realTimers,
    understand,
    knowledge,
    llm,
    campaignScript: async (id) => (await campaigns.row(id))?.script ?? [],
    segments: transcripts,
  });
  const assist = createAssistService({ db, clock, understand, knowledge, llm, engine: assistEngine, calls: callsReader });
  // After the call: the recording's audio measures and the transcript's reading, a job per call.
  // A recording whose live transcript missed a side is transcribed by the same engine (when it takes files).
  const recordingTranscriber = sp.STT_TRANSCRIBE_RECORDINGS ? createRecordingTranscriber({ stt, language: sp.STT_LANGUAGE }) : null;
  const transcription = recordingTranscriber && { transcribe: recordingTranscriber.transcribe, store: createRecordedTranscripts({ db }).store };
  const analysis = createAnalysisService({
    db,
    clock,
    logger,
    jobs,
    events,
    calls: callsReader,
    recordings,
    understand,
    transcription,
    summarize: modelSummarizer(llm),
    workers,
  });
  // Finding calls by what was said and by what their analysis found.
  const embeddings = createEmbeddingsProvider(config.llm);
  const callSearch = createCallSearch({
    db,
    calls: callsReader,
    users,
    agents,
    summaryOf: async (id) => (await analysis.get(id)).summary || null,
    embed: embeddings ? (texts) => embeddings.embed(texts) : null,
    logger,
  });
  // QA: each analysed call scored against its campaign's scorecard; reviews, disputes, calibration.
  const qa = createQaService({ db, clock, logger, audit, calls: callsReader, analysis, rules: { normalize, checkpointsIn }, llm, users });
  // Coaching: skills from scored calls, items with example calls, measured again after the next calls.
  const coaching = createCoachingService({ db, clock, logger, audit, users, qa, analysis });

  // Reports: rollups kept from the calls' events and a sweep of changed leads; the reports read them.
  const reportReader = createReportReader({ db, timeZone: ORG_TIME_ZONE });
  const callFacts = createCallFacts({ db });
  const callHistory = createCallHistory({ db });
  const callPartitions = createCallPartitions({ db, clock, logger });
  const rollups = createRollups({
    db,
    timeZone: ORG_TIME_ZONE,
    calls: callFacts,
    leads: leads.facts,
    userTeams: () => users.allTeams(),
    campaignTeams: async () => new Map((await campaigns.briefs()).map((c) => [c.id, c.teamIds[0] ?? null])),
  });
  const reportMaintenance = createReportMaintenance({ db, clock, logger, rollups, leadFacts: leads.facts, callFacts });
  const reports = createReportsService({
    clock,
    timeZone: ORG_TIME_ZONE,
    reader: reportReader,
    users,
    campaigns: { list: () => campaigns.briefs() },
    intake: createIntakeReader({ db }),
    presence: agents.presence,
    qa,
    leadFacts: leads.facts,
    callBriefs: (ids) => callFacts.briefs(ids),
  });
  const reportFiles = createReportFiles({
    clock,
    reports,
    reader: reportReader,
    audit,
    names: {
      users: (ids) => users.namesByIds(ids),
      teams: async (actor) => new Map((await users.listTeams(actor)).map((t) => [t.id, t.name])),
      campaigns: async () => new Map((await campaigns.briefs()).map((c) => [c.id, c.name])),
      leads: (ids) => leads.facts.briefs(ids),
    },
    workers,
  });
  // Exports written in the background, and reports emailed on a schedule (when SMTP_URL is set).
  const actorOf = async (id: string) => {
    const u = await users.findActive(id);
    return u && { id: u.id, role: u.role, teamId: u.teamId, email: u.email };
  };
  const reportExports = createReportExports({ db, clock, logger, jobs, store: files, files: reportFiles, reports, reader: reportReader, actorOf });
  const reportSchedules = createReportSchedules({
    db,
    clock,
    logger,
    timeZone: ORG_TIME_ZONE,
    mailer: createMailer(config.email),
    files: reportFiles,
    reports,
    personOf: actorOf,
  });

  // WhatsApp (when WHATSAPP_TOKEN is set) and email (when SMTP_URL is set) to and from leads.
  const wa = config.whatsapp;
  const messaging = createMessaging({
    db,
    clock,
    logger,
    jobs,
    audit,
    leads,
    consents,
    whatsapp:
      wa.WHATSAPP_TOKEN && wa.WHATSAPP_PHONE_NUMBER_ID
        ? createWhatsAppClient({
            baseUrl: wa.WHATSAPP_API_BASE_URL,
            token: wa.WHATSAPP_TOKEN,
            phoneNumberId: wa.WHATSAPP_PHONE_NUMBER_ID,
            businessAccountId: wa.WHATSAPP_BUSINESS_ACCOUNT_ID ?? null,
          })
        : null,
    mailer: createMailer(config.email),
  });

  // The person's rights (DPDP): requests, legal holds, tombstones, retention and the processing log.
  const privacy = createPrivacy({
    db,
    clock,
    logger,
    audit,
    leads,
    calls: createCallsRetention({ db, events, recordings }),
    messages: messaging.removeOlderThan,
    processing,
    dueDays: (type) => (type === 'grievance' ? c.TELEHUB_PRIVACY_GRIEVANCE_DAYS : c.TELEHUB_PRIVACY_RESPONSE_DAYS),
  });

  // Follow-up sequences: messages a rule sends a lead after a disposition or a status change.
  const followupEngine = createFollowupEngine({
    db,
    clock,
    logger,
    leads,
    calls: { get: (id) => callsReader.get(SYSTEM_ACTOR, id).catch(() => undefined) },
    callbacks: agents.callbacks,
    userName: async (id) => (await users.findActive(id))?.name ?? null,
    messaging,
    hours: () => config.compliance.TELEHUB_CALLING_HOURS,
  });
  const followups = createFollowupsService({
    db,
    clock,
    audit,
    leads,
    campaignExists: async (id) => (await campaigns.row(id)) !== undefined,
    engine: followupEngine,
  });

  // Each module declares its own reactions, jobs and schedules.
  const r = createRegistrar({ events, jobs, scheduler });
  registerOutbox(r, events);
  registerJobLedger(r, jobs);
  campaignsModule.register(r, { campaigns, leads });
  complianceModule.register(r, { compliance, consents, leads });
  followupsModule.register(r, { followups, engine: followupEngine, leads });
  privacyModule.register(r, { privacy, leads });
  assignmentModule.register(r, { assignment });
  importsModule.register(r, { imports, leads });
  sourcesModule.register(r, { sources, calls, leads });
  agentsModule.register(r, { agents, leads });
  callsModule.register(r, { calls, partitions: callPartitions, leads, controls: callControls });
  dialerModule.register(r, { dialer });
  inboundModule.register(r, {
    inbound,
    leads,
    simulated: simulatedCallers && { everyMs: Math.round(3_600_000 / ib.simulatedPerHour), ring: simulatedCallers.ringOnce },
  });
  alertsModule.register(r, { alerts, leads });
  llmModule.register(r, { llm });
  analysisModule.register(r, { analysis, search: callSearch, leads, db });
  qaModule.register(r, { qa, leads });
  coachingModule.register(r, { coaching });
  reportsModule.register(r, { maintenance: reportMaintenance, exports: reportExports, schedules: reportSchedules, refusals: refusalCounter, leads });
  messagingModule.register(r, { messaging, leads, templateSyncEveryMs: config.whatsapp.WHATSAPP_TEMPLATE_SYNC * 1000 });
  demoModule.register(
    r,
    {
      db,
      clock,
      logger,
      findUser: (email) => users.findForLogin(email),
      presence: agents.presence,
      next: (actor) => agents.workspace.next(actor, []),
      start: (actor, body) => calls.start(actor, body),
      status: (actor, id) => callsReader.get(actor, id),
      dispose: (actor, id, body) => calls.dispose(actor, id, body),
      offer: (agentId) => inbound.offeredTo(agentId),
      accept: (actor, callId) => inbound.accept(actor, callId),
    },
    { floor: config.demo.floor, agents: config.demo.floorAgents },
  );
  return {
    setup,
    /** This process among the nodes sharing the database (call holders, dialer leases). */
    nodeId,
    events,
    clock,
    jobs,
    scheduler,
    /** The worker threads; closed with the app. */
    workers,
    files,
    signer,
    sessions,
    audit,
    users,
    campaigns,
    knowledge,
    assist,
    assistEngine,
    analysis,
    callSearch,
    qa,
    coaching,
    reports,
    reportFiles,
    reportMaintenance,
    reportExports,
    reportSchedules,
    /** The demo's past calls. */
    callHistory,
    callPartitions,
    /** The demo's past consent entries and refused dials. */
    demoHistory: {
      consents: (rows: Parameters<typeof consents.insertPast>[0]) => consents.insertPast(rows),
      refusals: (rows: Parameters<typeof refusalCounter.count>[0]) => refusalCounter.count(rows),
    },
    leads,
    assignment,
    imports,
    compliance,
    consents,
    followups,
    followupEngine,
    notices,
    privacy,
    /** WhatsApp and email: `messaging.send(actor | 'system', input)` for other modules. */
    messaging,
    sources,
    settings,
    auth,
    sso,
    bus,
    agents,
    ingest,
    transcripts,
    speech,
    telephony,
    calls,
    dialer,
    inbound,
    callsReader,
    callControls,
    callRedial,
    playback,
    dispositions,
    recordings: recordingStore,
    figures,
    analytics,
    alerts,
    llm,
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

/** The bucket for uploads (config has refused TELEHUB_FILE_STORE=s3 without it). */
function s3Options(config: Config) {
  return {
    ...s3OptionsFrom(config.telephony, 'TELEHUB_FILE_STORE=s3'),
    prefix: 'uploads/',
    // Uploads are spooled here to learn their length before they go to the bucket.
    tmpDir: path.join(config.storage.TELEHUB_DATA_DIR, 'tmp'),
  };
}
