import { useContext } from 'react';
import { ApiClientContext } from './ApiClientContext';
import type { ApiClient } from './client';

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient must be used inside <ApiClientContext.Provider>.');
  return client;
}
