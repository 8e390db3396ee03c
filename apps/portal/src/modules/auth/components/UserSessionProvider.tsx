import { useQueryClient } from '@tanstack/react-query';
import type { User, UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AuthContext, type AuthContextValue } from '../AuthContext';
import { CLIENT_CONFIG_QUERY_KEY } from '../hooks/useClientConfig';
import { returnToFromState } from '../returnToFromState';

interface UserSessionProviderProps {
  userManager: UserManager;
  children: ReactNode;
}

function usable(user: User | null): User | null {
  return user && !user.expired ? user : null;
}

/** Owns the OIDC session: reads it from storage, follows its events and exposes sign-in/out. */
export function UserSessionProvider({ userManager, children }: UserSessionProviderProps) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthContextValue['status']>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [sessionEndedReason, setSessionEndedReason] = useState<AuthContextValue['sessionEndedReason']>(null);
  // The authorization code can be redeemed once; StrictMode runs effects twice, so share the promise.
  const callbackPromise = useRef<Promise<string> | null>(null);

  const apply = useCallback((next: User | null) => {
    setUser(next);
    setStatus(next ? 'signedIn' : 'signedOut');
  }, []);

  // Another user's cached data must never show after a sign-out; the IdP config stays cached.
  const forgetUserData = useCallback(() => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== CLIENT_CONFIG_QUERY_KEY[0] });
  }, [queryClient]);

  const endSession = useCallback(() => {
    void userManager.removeUser();
    forgetUserData();
    setSessionEndedReason('expired');
    apply(null);
  }, [userManager, forgetUserData, apply]);

  useEffect(() => {
    let active = true;
    void userManager.getUser().then((stored) => {
      if (!active) return;
      if (stored && stored.expired) void userManager.removeUser();
      apply(usable(stored));
    });
    const onLoaded = (loaded: User) => apply(usable(loaded));
    const onUnloaded = () => apply(null);
    userManager.events.addUserLoaded(onLoaded);
    userManager.events.addUserUnloaded(onUnloaded);
    userManager.events.addAccessTokenExpired(endSession);
    return () => {
      active = false;
      userManager.events.removeUserLoaded(onLoaded);
      userManager.events.removeUserUnloaded(onUnloaded);
      userManager.events.removeAccessTokenExpired(endSession);
    };
  }, [userManager, apply, endSession]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      sessionEndedReason,
      signIn: (returnTo) => userManager.signinRedirect({ state: { returnTo } }),
      completeSignIn: () => {
        callbackPromise.current ??= userManager.signinRedirectCallback().then((signedIn) => {
          setSessionEndedReason(null);
          apply(usable(signedIn));
          return returnToFromState(signedIn.state);
        });
        return callbackPromise.current;
      },
      signOut: async () => {
        forgetUserData();
        try {
          await userManager.signoutRedirect();
        } catch {
          // The IdP may not offer end-session; ending the local session is what matters here.
          await userManager.removeUser();
          apply(null);
        }
      },
      endSession,
    }),
    [status, user, sessionEndedReason, userManager, apply, forgetUserData, endSession],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
