import { useMemo, type ReactNode } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { FullPageMessage } from '../../../ui/FullPageMessage';
import { LoadingState } from '../../../ui/LoadingState';
import { createUserManager } from '../api/createUserManager';
import type { ClientConfig } from '../api/ClientConfig';
import { useClientConfig } from '../hooks/useClientConfig';
import { UserSessionProvider } from './UserSessionProvider';

/** Nothing can happen before the portal knows its IdP, so the whole app waits on client-config. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const config = useClientConfig();
  if (config.isPending) {
    return (
      <FullPageMessage>
        <LoadingState label="Loading Cloister…" />
      </FullPageMessage>
    );
  }
  if (config.isError) {
    return (
      <FullPageMessage>
        <ErrorState error={config.error} onRetry={() => void config.refetch()} />
      </FullPageMessage>
    );
  }
  return <ConfiguredSession oidc={config.data.oidc}>{children}</ConfiguredSession>;
}

function ConfiguredSession({ oidc, children }: { oidc: ClientConfig['oidc']; children: ReactNode }) {
  const userManager = useMemo(() => createUserManager(oidc, window.location.origin), [oidc]);
  return <UserSessionProvider userManager={userManager}>{children}</UserSessionProvider>;
}
