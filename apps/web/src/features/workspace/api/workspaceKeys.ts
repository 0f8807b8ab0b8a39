/** Query keys for the workspace: `all` is read again after the socket reconnects. */
export const workspaceKeys = {
  all: ['workspace'] as const,
  nexts: () => [...workspaceKeys.all, 'next'] as const,
  next: (skip: readonly string[]) => [...workspaceKeys.nexts(), { skip }] as const,
  /** Preview mode's next lead in a campaign: under nexts, so what refreshes the queue refreshes it too. */
  campaignNext: (campaignId: string) => [...workspaceKeys.nexts(), { campaignId }] as const,
  today: () => [...workspaceKeys.all, 'today'] as const,
  callbacks: () => [...workspaceKeys.all, 'callbacks'] as const,
  teamCallbacks: () => [...workspaceKeys.all, 'team-callbacks'] as const,
  /** The inbound call ringing for the agent: asked again whenever the call their presence rings with changes. */
  offer: (callId: string | null) => [...workspaceKeys.all, 'offer', callId] as const,
  presence: () => [...workspaceKeys.all, 'presence'] as const,
  /** The wrap-up mutation: a disposition saved here, told apart from one saved elsewhere. */
  dispose: () => [...workspaceKeys.all, 'dispose'] as const,
};
