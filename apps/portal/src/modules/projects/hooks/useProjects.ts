import { useInfiniteQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchProjects } from '../api/fetchProjects';

export function useProjects() {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['projects'],
    queryFn: ({ pageParam }) => fetchProjects(client, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
