import { type Campaign, DEFAULT_RETRY_RULES } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { joinable } from './campaignChoice';

const ME = '6f1c2a34-0000-4000-8000-0000000000a1';
const MY_TEAM = '6f1c2a34-0000-4000-8000-0000000000b1';
const OTHER = '6f1c2a34-0000-4000-8000-0000000000a2';

const campaign = (name: string, over: Partial<Campaign>): Campaign => ({
  id: `6f1c2a34-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
  name,
  description: null,
  active: true,
  status: 'running',
  startDate: null,
  endDate: null,
  timezone: 'Asia/Kolkata',
  callingHours: null,
  requiresConsent: false,
  maxAttemptsPerDay: null,
  dialMode: 'progressive',
  ratio: 1,
  maxAbandonRate: 0.03,
  priority: 50,
  teamIds: [],
  agentIds: [],
  segment: null,
  retry: DEFAULT_RETRY_RULES,
  script: [],
  dispositions: null,
  wrapUpSeconds: 30,
  cost: null,
  members: 0,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...over,
});

describe('the campaigns an agent may join', () => {
  it('are the running ones naming the agent or their team, highest priority first', () => {
    const list = [
      campaign('Named', { agentIds: [ME], priority: 10 }),
      campaign('Team', { teamIds: [MY_TEAM], priority: 90 }),
      campaign('Someone else', { agentIds: [OTHER] }),
      campaign('Paused', { agentIds: [ME], status: 'paused' }),
      campaign('Draft', { teamIds: [MY_TEAM], status: 'draft' }),
    ];
    expect(joinable(list, ME, MY_TEAM).map((c) => c.name)).toEqual(['Team', 'Named']);
  });

  it('are only the named ones for an agent without a team', () => {
    const list = [campaign('Team', { teamIds: [MY_TEAM] }), campaign('Named', { agentIds: [ME] })];
    expect(joinable(list, ME, null).map((c) => c.name)).toEqual(['Named']);
  });
});
