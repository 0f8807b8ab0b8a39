/** Query keys for the workspace: invalidate `all` after a call is wrapped up. */
export const workspaceKeys = {
  all: ['workspace'] as const,
  nexts: () => [...workspaceKeys.all, 'next'] as const,
  next: (skip: readonly string[]) => [...workspaceKeys.nexts(), { skip }] as const,
  today: () => [...workspaceKeys.all, 'today'] as const,
  callbacks: () => [...workspaceKeys.all, 'callbacks'] as const,
  presence: () => [...workspaceKeys.all, 'presence'] as const,
};
