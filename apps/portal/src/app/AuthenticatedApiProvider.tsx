import { useMemo, type ReactNode } from 'react';
import { ApiClientContext } from '../api/ApiClientContext';
import { createApiClient } from '../api/client';
import { useAuth } from '../modules/auth/hooks/useAuth';

/** Gives everything below it an API client that sends the current access token. */
export function AuthenticatedApiProvider({ children }: { children: ReactNode }) {
  const { user, endSession } = useAuth();
  const accessToken = user?.access_token ?? null;
  const client = useMemo(
    () => createApiClient({ baseUrl: window.location.origin, getAccessToken: () => accessToken, onUnauthorized: endSession }),
    [accessToken, endSession],
  );
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}
