import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ClientConfig } from './ClientConfig';

/**
 * Authorization-code flow with PKCE. Tokens live in sessionStorage so closing the tab ends the
 * session, and silent renew stays off: an expired session means signing in again, on purpose.
 */
export function createUserManager(oidc: ClientConfig['oidc'], origin: string, storage: Storage = window.sessionStorage): UserManager {
  const store = new WebStorageStateStore({ store: storage });
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    response_type: 'code',
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: store,
    stateStore: store,
    automaticSilentRenew: false,
  });
}
