import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../../api/ApiError';
import { useApiClient } from '../../../api/useApiClient';
import { type Environment, fetchEnvironment } from '../api/environmentRequests';

/** The project's environment, or null before its first provisioning; polled while provisioning runs. */
export function useEnvironment(projectId: string, provisioning: boolean) {
  const client = useApiClient();
  return useQuery<Environment | null>({
    queryKey: ['projects', projectId, 'environment'],
    queryFn: async () => {
      try {
        return await fetchEnvironment(client, projectId);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'ENVIRONMENT_NOT_FOUND') return null;
        throw e;
      }
    },
    refetchInterval: provisioning ? 1500 : false,
  });
}
