/**
 * The GraphQL schema at /graphql. CONTRACT.md fixes its core (Lead, Call, leads, calls,
 * myPerformance, teamStatus, startCall, endCall, updateLead, callStatusChanged, teamUpdated);
 * everything else here extends it. Enum values are the REST values in upper case.
 */
export const typeDefs = /* GraphQL */ `
"An instant: ISO 8601 with an offset, e.g. 2025-01-31T09:30:00Z. Always sent in UTC."
scalar DateTime

enum Role { ADMIN MANAGER TELECALLER }
enum LeadStatus { NEW CONTACTED INTERESTED CALLBACK NOT_INTERESTED CONVERTED LOST INVALID }
enum CallStatus { QUEUED DIALING RINGING IN_PROGRESS COMPLETED NO_ANSWER BUSY FAILED CANCELED ABANDONED }
"The default disposition codes, upper-cased."
enum CallOutcome { INTERESTED CALLBACK NOT_INTERESTED WRONG_NUMBER NO_ANSWER CONVERTED }
enum AgentState { OFFLINE AVAILABLE RINGING ON_CALL WRAP_UP BREAK }
enum HangupSide { AGENT LEAD SYSTEM }
enum Speaker { AGENT LEAD }
enum CallDirection { OUTBOUND INBOUND }
enum LeadSort { CREATED_AT CREATED_AT_DESC UPDATED_AT UPDATED_AT_DESC NAME NAME_DESC SCORE SCORE_DESC }

type Team { id: ID!  name: String! }

type User {
  id: ID!
  name: String!
  "Null when a telecaller looks at someone else."
  email: String
  role: Role!
  "Null when the user has no team, or a telecaller looks at someone else."
  team: Team
  active: Boolean!
}

type Lead {
  id: ID!
  name: String!
  "E.164"
  phone: String!
  email: String
  status: LeadStatus!
  score: Int
  "When the lead was last dialled."
  lastCallAt: DateTime
  assignedTo: User
  "The lead's calls, newest first (limit 1-50)."
  calls(limit: Int = 10): [Call!]!
  language: String
  city: String
  timezone: String!
  tags: [String!]!
  "On the DND registry for our category, or fully blocked."
  dnd: Boolean!
  createdAt: DateTime!
  updatedAt: DateTime!
}

type Call {
  id: ID!
  lead: Lead!
  telecaller: User!
  startedAt: DateTime!
  endedAt: DateTime
  "Talk time in seconds (answer to end); 0 for a call nobody answered, null while live."
  duration: Int
  status: CallStatus!
  "Path of the recording (GET with the bearer token, Range supported) when stored and yours to hear; else null."
  recording: String
  "The transcript so far, one line per segment ('Agent: ...', 'Lead: ...'); null without one."
  transcript: String
  "The lead's mood over the call, -1..1, from its analysis; null until the call has been analysed (or the lead said nothing)."
  sentiment: Float
  analytics: CallAnalytics
  answeredAt: DateTime
  direction: CallDirection!
  "The saved disposition as an outcome; null before wrap-up or for a code outside CallOutcome."
  outcome: CallOutcome
  "The saved disposition code as stored (admins may configure codes beyond CallOutcome)."
  disposition: String
  notes: String
  callbackAt: DateTime
  "Ended, and the agent has not saved a disposition yet."
  wrapUpPending: Boolean!
  hangupBy: HangupSide
  updatedAt: DateTime!
}

"What is known about a call today; values not computed yet are null, never guessed."
type CallAnalytics {
  talkSeconds: Int
  "Dial to answer; null when not answered."
  ringSeconds: Int
  hangupBy: HangupSide
  transcriptSegments: Int!
  "The lead's mood over the call, -1..1; null until analysed."
  sentiment: Float
  "pending until the call's analysis has run, then done (or failed)."
  analysisStatus: String!
  "The agent's share of the speech, 0..1 (from the recording)."
  talkRatio: Float
  "Silences of both sides over 3 s, summed."
  deadAirSeconds: Float
  longestMonologueSeconds: Float
  "Overlaps either side started."
  interruptions: Int
  objections: [CallObjection!]!
  keywords: [String!]!
  summary: String
  "The QA score, 0..100: the reviewed one once a manager reviewed the call, else the automatic one; null until a scorecard applies."
  qaScore: Float
}

"An objection the lead raised, and whether the agent answered it."
type CallObjection {
  type: String!
  handled: Boolean!
}

"Text in English and, where written, Hindi."
type Bilingual {
  en: String!
  hi: String
}

type AssistObjection {
  "price, timing, callback_later, not_interested, trust, consult_family, already_enrolled or logistics"
  type: String!
  confidence: Float!
}

type AssistCheckpoint {
  "greeting, recording_disclosure, need_discovery, pitch, objection_handling, close or next_step"
  checkpoint: String!
  done: Boolean!
}

type AssistStage {
  key: String!
  title: Bilingual!
}

"One card on a live call. A newer card with the same key replaces an older one."
type AssistCard {
  id: ID!
  callId: ID!
  "objection, knowledge, script, sentiment, nudge or suggestion"
  kind: String!
  key: String!
  title: Bilingual!
  body: Bilingual!
  objection: AssistObjection
  checklist: [AssistCheckpoint!]
  stage: AssistStage
  "The lead's recent sentiment scores (-1..1), oldest first."
  trend: [Float!]
  "recording_disclosure, talk_share or banned_phrase"
  nudge: String
  "battlecard, knowledge, model, llm or rules"
  source: String!
  segmentSeq: Int
  "Milliseconds from the utterance reaching the server to the card."
  latencyMs: Float
  createdAt: String!
}

type TranscriptSegment {
  id: ID!
  callId: ID!
  seq: Int!
  speaker: Speaker!
  "en, hi or hinglish"
  language: String!
  text: String!
  startMs: Int!
  endMs: Int!
}

"Counts over [from, to). Rates are null when there is nothing to divide by."
type Performance {
  from: DateTime!
  to: DateTime!
  calls: Int!
  "Calls the lead answered."
  connects: Int!
  "connects / calls"
  connectRate: Float
  talkSeconds: Int!
  "Talk plus wrap-up per answered call with a saved disposition."
  averageHandleSeconds: Float
  "Calls with the disposition 'converted'."
  conversions: Int!
  "conversions / connects"
  conversionRate: Float
  "Time in any state but offline."
  loggedInSeconds: Int!
  "calls per logged-in hour"
  callsPerHour: Float
  "Minutes of talk per logged-in hour."
  talkMinutesPerHour: Float
}

"The campaign an agent works."
type CampaignRef {
  id: ID!
  name: String!
}

type AgentStatus {
  user: User!
  "The campaign the agent works now; null: click-to-call."
  campaign: CampaignRef
  state: AgentState!
  "Null when the agent has never signed in to the floor."
  since: DateTime
  "Why on break."
  reason: String
  "The call that holds the agent: ringing, on it, or in wrap-up."
  currentCall: Call
  "Where the agent goes once their call, or the lines dialled for them, are done; null: back to available."
  next: PresenceNext
  today: Performance!
}

"An agent's state now. since is null when the agent has never signed in to the floor."
type Presence {
  userId: ID!
  "The campaign the agent works now; null: click-to-call."
  campaign: CampaignRef
  state: AgentState!
  "Why on break."
  reason: String
  since: DateTime
  "The call that holds the agent: ringing, on it, or in wrap-up."
  callId: ID
  "Where the agent goes once their call, or the lines dialled for them, are done; null: back to available."
  next: PresenceNext
}

"A move an agent asked for, taken once their call is done."
type PresenceNext {
  state: AgentState!
  "Why on break."
  reason: String
  "The campaign after the move; null: none."
  campaign: CampaignRef
}

type TeamTotals {
  agents: Int!
  available: Int!
  ringing: Int!
  onCall: Int!
  wrapUp: Int!
  onBreak: Int!
  offline: Int!
  liveCalls: Int!
}

"The floor: admins see every agent, managers the teams they lead and their own."
type TeamStatus {
  agents: [AgentStatus!]!
  liveCalls: [Call!]!
  totals: TeamTotals!
  "The agents' totals today."
  today: Performance!
  updatedAt: DateTime!
}

"""
A change to a floor view. When full, agents and liveCalls are the whole view; otherwise they are
the agents and live calls that changed (replace them by id), removedAgentIds the agents no longer
on the view and endedCallIds the calls no longer live. totals and today are always the whole view's.
"""
type FloorPatch {
  "One more than the last patch on this subscription; a full patch may start anywhere."
  seq: Int!
  full: Boolean!
  agents: [AgentStatus!]!
  removedAgentIds: [ID!]!
  liveCalls: [Call!]!
  endedCallIds: [ID!]!
  totals: TeamTotals!
  "The agents' totals today."
  today: Performance!
  updatedAt: DateTime!
}

enum AlertKind { LONG_CALL IDLE_TOO_LONG BREAK_TOO_LONG CALLBACK_OVERDUE CONNECT_RATE_DROP MISSED_CALL_OVERDUE }
enum AlertSeverity { WARNING CRITICAL }
"OPEN: neither acknowledged nor cleared. ALL: the latest 200."
enum AlertStatus { OPEN ALL }

"Something on the floor a manager should look at. Raised once per condition; cleared by itself when the condition ends."
type Alert {
  id: ID!
  kind: AlertKind!
  severity: AlertSeverity!
  "One line in English."
  message: String!
  agent: User
  team: Team
  callId: ID
  leadId: ID
  leadName: String
  "What was measured: seconds for durations, a 0..1 rate for CONNECT_RATE_DROP."
  value: Float!
  "The limit it crossed, in the same unit."
  threshold: Float!
  "When the condition began."
  since: DateTime!
  raisedAt: DateTime!
  acknowledgedAt: DateTime
  acknowledgedBy: User
  "When the condition ended by itself."
  resolvedAt: DateTime
}

"Calendar periods in Asia/Kolkata, each up to now: today, this week (from Monday), this month."
enum LeaderboardPeriod { TODAY WEEK MONTH }

type LeaderboardEntry {
  "1 is best: most conversions, then connects, then talk time."
  rank: Int!
  user: User!
  performance: Performance!
}

"Defaults: today so far in Asia/Kolkata. A 'to' in the future means now; at most 366 days."
input DateRange { from: DateTime  to: DateTime }

input LeadFilter {
  "Name, email or phone digits in any format."
  q: String
  status: [LeadStatus!]
  "A user id, 'me' or 'unassigned'."
  ownerId: ID
  campaignId: ID
  tag: String
  dnd: Boolean
  sort: LeadSort = CREATED_AT_DESC
  page: Int = 1
  "1-100"
  pageSize: Int = 25
}

input CallFilter {
  leadId: ID
  telecallerId: ID
  status: CallStatus
  "Created at or after."
  from: DateTime
  "Created before."
  to: DateTime
  "1-100, newest first"
  limit: Int = 25
}

"Fields to change; an explicit null clears a nullable field. ownerId is for managers and admins."
input LeadInput {
  name: String
  phone: String
  email: String
  status: LeadStatus
  score: Int
  "ISO 639-1: en, hi, mr, bn, ta, te, kn, gu, pa, ml, or"
  language: String
  city: String
  timezone: String
  tags: [String!]
  ownerId: ID
}

type Query {
  "The inbound queue and today's inbound figures. Managers and admins."
  inbound: InboundStatus!
  "A page of leads (a telecaller sees only their own)."
  leads(filter: LeadFilter): [Lead!]!
  "Calls, newest first. A telecaller: their own calls to leads they own; with leadId, every call of a lead they own."
  calls(filter: CallFilter): [Call!]!
  myPerformance(period: DateRange): Performance!
  "Managers and admins; teamId narrows to one team they watch."
  teamStatus(teamId: ID): TeamStatus!
  "The teams you watch (admins: all; managers: theirs; telecallers: their own)."
  teams: [Team!]!
  "Managers and admins."
  alerts(status: AlertStatus = OPEN, teamId: ID): [Alert!]!
  "Telecallers ranked over a calendar period (limit 1-100). Managers and admins."
  leaderboard(period: LeaderboardPeriod = TODAY, teamId: ID, limit: Int = 10): [LeaderboardEntry!]!
  "Your state now (the workspace's presence control)."
  myPresence: Presence!
  "Team performance per local day, oldest first, the last one today so far (days 1-31). Managers and admins."
  teamTrend(days: Int = 7, teamId: ID): [Performance!]!
  "Team performance per local hour today, from midnight, the last hour so far (at most 24). Managers and admins."
  teamHours(teamId: ID): [Performance!]!
}

type Mutation {
  "Click-to-call by the signed-in user: the compliance gates, then the provider rings you, then the lead."
  startCall(leadId: ID!, campaignId: ID, consentGiven: Boolean): Call!
  """
  Ends the call and saves its outcome. A live call is hung up first and, once the provider
  confirms the end (up to 10 s), the disposition is saved with notes and callbackAt. An outcome
  that would be refused (not configured, CALLBACK without a future callbackAt) is refused before
  anything is hung up.
  """
  endCall(callId: ID!, outcome: CallOutcome!, notes: String, callbackAt: DateTime): Call!
  updateLead(id: ID!, input: LeadInput!): Lead!
  "Managers and admins: marks an alert seen (again: no change)."
  acknowledgeAlert(id: ID!): Alert!
}

enum InboundState { WAITING OFFERED RINGING_OUT CONNECTED MISSED }
enum MissedReason { CLOSED NO_AGENT CALLER_LEFT }

"A caller who rang our number today: waiting, ringing for an agent, taken or missed."
type InboundCaller {
  callId: ID!
  leadId: ID!
  leadName: String!
  leadPhone: String!
  "The caller was a lead before the call."
  known: Boolean!
  language: String!
  state: InboundState!
  "The agent whose workspace rings with the call now."
  offeredTo: ID
  "The agent who took it."
  agentId: ID
  arrivedAt: DateTime!
  "Waited so far, or until taken or missed."
  waitedSeconds: Int!
  missedReason: MissedReason
}

"Callers in a period: answered within the target, missed (of them, outside hours), the service level."
type InboundFigures {
  calls: Int!
  answered: Int!
  answeredWithinTarget: Int!
  missed: Int!
  closed: Int!
  "Answered within the target over callers in hours; null without callers."
  serviceLevel: Float
  missedRate: Float
}

type InboundHour {
  hour: DateTime!
  figures: InboundFigures!
}

"The inbound queue and today's inbound figures of the teams a manager leads (everyone's for admins)."
type InboundStatus {
  waiting: Int!
  longestWaitSeconds: Int!
  "Those waiting or ringing, then the last ones taken or missed."
  callers: [InboundCaller!]!
  targetSeconds: Int!
  today: InboundFigures!
  hours: [InboundHour!]!
  "Missed callers whose callback is past due."
  callbacksOverdue: Int!
  updatedAt: DateTime!
}

type Subscription {
  "The inbound queue and figures on subscribing, then again after each change (at most one a second). Managers and admins."
  inboundChanged: InboundStatus!
  "Every change of a call (status, disposition, recording). Telecallers: their own calls only, whatever telecallerId says."
  callStatusChanged(telecallerId: ID): Call!
  "A snapshot on subscribing, then a fresh one after changes on the floor; at most one per 250 ms. Managers and admins."
  teamUpdated(teamId: ID): TeamStatus!
  """
  The floor as patches, for boards that keep it: the whole view first (full: true), then only the
  agents and live calls that changed, at most one patch per 250 ms. Applied in order they give the
  same board as teamUpdated. A seq that does not follow the last one means a patch was missed:
  subscribe again. Managers and admins.
  """
  floorChanged(teamId: ID): FloorPatch!
  "Alerts as they are raised, acknowledged or cleared. Managers and admins."
  alertChanged(teamId: ID): Alert!
  """
  An agent's state as it changes, the current state first. Telecallers: their own, whatever userId
  says. Managers and admins: one agent they watch, or without userId everyone they watch.
  """
  presenceChanged(userId: ID): Presence!
  "Live transcript segments of a call; with afterSeq, stored segments after it come first."
  transcript(callId: ID!, afterSeq: Int): TranscriptSegment!
  "A live call's assist cards: the ones raised so far, then each new one. The call's agent and the managers who watch them."
  assistCards(callId: ID!): AssistCard!
}
`;
