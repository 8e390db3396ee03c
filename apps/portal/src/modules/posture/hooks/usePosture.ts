import { useInfiniteQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchPosture } from '../api/postureRequests';

export function usePosture() {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['posture'],
    queryFn: ({ pageParam }) => fetchPosture(client, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
