import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchMe } from '../api/fetchMe';

export const ME_QUERY_KEY = ['me'] as const;

export function useMe() {
  const client = useApiClient();
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: () => fetchMe(client) });
}
