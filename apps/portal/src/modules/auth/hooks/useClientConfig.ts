import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createApiClient } from '../../../api/client';
import { fetchClientConfig } from '../api/fetchClientConfig';

export const CLIENT_CONFIG_QUERY_KEY = ['client-config'] as const;

export function useClientConfig() {
  // No token exists yet, so this client never authenticates and a 401 has nothing to end.
  const publicClient = useMemo(
    () => createApiClient({ baseUrl: window.location.origin, getAccessToken: () => null, onUnauthorized: () => undefined }),
    [],
  );
  return useQuery({ queryKey: CLIENT_CONFIG_QUERY_KEY, queryFn: () => fetchClientConfig(publicClient), staleTime: Infinity });
}
