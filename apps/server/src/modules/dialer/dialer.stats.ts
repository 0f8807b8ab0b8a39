/** A campaign's live figures: today's counts in its time zone, the 30-day abandon rate, the queue, the agents, a timeline. */
import type { CampaignStats } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import { startOfLocalDay } from '../../platform/time.js';
import type { PresenceService } from '../agents/index.js';
import type { CampaignCalls } from '../calls/index.js';
import { CampaignErrors, type CampaignsService } from '../campaigns/index.js';
import type { UsersService } from '../users/index.js';
import type { PacingState } from './dialer.engine.js';

const BUCKET_MS = 30 * 60_000;

export function createCampaignStats(deps: {
  clock: Clock;
  campaigns: Pick<CampaignsService, 'row' | 'queue'>;
  campaignCalls: Pick<CampaignCalls, 'figures' | 'abandonTally'>;
  presence: Pick<PresenceService, 'inCampaign' | 'campaignSeconds'>;
  users: Pick<UsersService, 'namesByIds'>;
  pacingOf: (campaignId: string) => PacingState | null;
}) {
  return async function stats(campaignId: string): Promise<CampaignStats> {
    const c = await deps.campaigns.row(campaignId);
    if (!c) throw CampaignErrors.CAMPAIGN_NOT_FOUND();
    const now = deps.clock.now();
    const day = startOfLocalDay(now, c.timezone);
    const [buckets, rolling, agents, agentBuckets, queue] = await Promise.all([
      deps.campaignCalls.figures(campaignId, day, BUCKET_MS),
      deps.campaignCalls.abandonTally(campaignId, new Date(now.getTime() - 30 * 86_400_000)),
      deps.presence.inCampaign(campaignId),
      deps.presence.campaignSeconds(campaignId, day, now, BUCKET_MS),
      deps.campaigns.queue.counts(campaignId),
    ]);
    const names = await deps.users.namesByIds(agents.map((a) => a.userId));
    const sum = (k: 'dialed' | 'answered' | 'abandoned' | 'machine' | 'talk') => buckets.reduce((s, b) => s + b[k], 0);
    const answered = sum('answered');
    const abandoned = sum('abandoned');
    const byBucket = new Map(buckets.map((b) => [b.bucket, b]));
    let runAnswered = 0;
    let runAbandoned = 0;
    const timeline = agentBuckets.map((seconds, i) => {
      const b = byBucket.get(i);
      runAnswered += b?.answered ?? 0;
      runAbandoned += b?.abandoned ?? 0;
      return {
        at: new Date(day.getTime() + i * BUCKET_MS).toISOString(),
        dialed: b?.dialed ?? 0,
        abandonRate: runAnswered > 0 ? runAbandoned / runAnswered : 0,
        occupancy: seconds > 0 ? Math.min(1, (b?.talk ?? 0) / seconds) : 0,
      };
    });
    const p = deps.pacingOf(campaignId);
    return {
      dialed: sum('dialed'),
      answered,
      abandoned,
      abandonRate: answered > 0 ? abandoned / answered : 0,
      abandonRate30d: rolling.answered > 0 ? rolling.abandoned / rolling.answered : 0,
      machine: sum('machine'),
      agents: agents.filter((a) => a.state !== 'offline').length,
      talkSeconds: sum('talk'),
      agentSeconds: agentBuckets.reduce((s, v) => s + v, 0),
      queue,
      agentStates: agents.map((a) => ({
        userId: a.userId,
        name: names.get(a.userId) ?? '',
        state: a.state,
        since: a.since,
        reason: a.reason,
        callId: a.callId,
      })),
      timeline,
      pacing: p ? { mode: p.mode, lines: p.lines, answerRate: p.answerRate, backedOff: p.backedOff } : null,
    };
  };
}
