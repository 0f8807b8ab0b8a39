import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { userKeys } from '../api/userKeys';
import { type UserPageQuery, usersApi } from '../api/usersApi';

/** One page of the Users page's search; the previous page stays on screen while the next loads. */
export function useUserPage(query: UserPageQuery) {
  return useQuery({
    queryKey: userKeys.page(query),
    queryFn: ({ signal }) => usersApi.page(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** What a user holds that someone takes over when they leave, asked when the deactivate dialog opens. */
export function useHoldings(id: string) {
  return useQuery({ queryKey: userKeys.holdings(id), queryFn: ({ signal }) => usersApi.holdings(id, signal), staleTime: 0 });
}
