import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchPosture } from '../api/postureRequests';

export function usePosture() {
  const client = useApiClient();
  return useQuery({ queryKey: ['posture'], queryFn: () => fetchPosture(client) });
}
