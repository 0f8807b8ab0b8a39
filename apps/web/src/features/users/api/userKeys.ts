import type { UserPageQuery } from './usersApi';

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
  page: (query: UserPageQuery) => [...userKeys.all, 'page', query] as const,
  holdings: (id: string) => [...userKeys.all, 'holdings', id] as const,
};

export const teamKeys = {
  all: ['teams'] as const,
  list: () => [...teamKeys.all, 'list'] as const,
};
