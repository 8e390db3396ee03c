import { useMemo } from 'react';
import { useAuth } from '../modules/auth/hooks/useAuth';
import { useClientConfig } from '../modules/auth/hooks/useClientConfig';
import { CurrentUserContext } from '../modules/me/CurrentUserContext';
import { useMe } from '../modules/me/hooks/useMe';
import { navItemsForUser } from '../modules/navigation/navItemsForUser';
import { ErrorState } from '../ui/ErrorState';
import { FullPageMessage } from '../ui/FullPageMessage';
import { LoadingState } from '../ui/LoadingState';
import { AppFrame } from './AppFrame';
import { SignedInRoutes } from './SignedInRoutes';

/** Loads /me once, then renders the frame and pages shaped by the user's roles. */
export function SignedInApp() {
  const { signOut } = useAuth();
  const me = useMe();
  // Loaded before sign-in and cached: only local mode has a dev mailbox.
  const localMode = useClientConfig().data?.mode === 'local';
  const navItems = useMemo(() => (me.data ? navItemsForUser(me.data, { localMode }) : []), [me.data, localMode]);

  if (me.isPending) {
    return (
      <FullPageMessage>
        <LoadingState label="Loading your projects…" />
      </FullPageMessage>
    );
  }
  if (me.isError) {
    return (
      <FullPageMessage>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </FullPageMessage>
    );
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <AppFrame email={me.data.email} navItems={navItems} onSignOut={() => void signOut()}>
        <SignedInRoutes navItems={navItems} />
      </AppFrame>
    </CurrentUserContext.Provider>
  );
}
