import type { AdapterFactory, ClientMetadata, Configuration, KoaContextWithOIDC, errors } from 'oidc-provider';
import { ACCESS_TOKEN_TTL_SECONDS, LOCAL_SCOPE } from './access-token-claims';
import { renderErrorPage } from './error-page';
import type { SigningJwk } from './key-store';
import type { LocalAccountDirectory } from './local-account-directory';
import type { PortalClientOptions } from './local-idp-options';
import { renderLogoutConfirmationPage, renderSignedOutPage } from './logout-pages';
import { PAGE_SECURITY_HEADERS } from './page-layout';

export interface ProviderConfigurationInput {
  audience: string;
  portalClients: readonly PortalClientOptions[];
  signingKeys: readonly SigningJwk[];
  cookieKeys: readonly string[];
  accounts: LocalAccountDirectory;
  /** Where sessions, grants, codes, tokens and interactions are kept, so they survive a restart. */
  adapter: AdapterFactory;
  /** oidc-provider's error classes, passed in because the package is loaded lazily. */
  providerErrors: typeof errors;
}

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

function portalClientMetadata(client: PortalClientOptions): ClientMetadata {
  return {
    client_id: client.clientId,
    client_name: 'Cloister',
    application_type: 'web',
    // A browser SPA cannot keep a secret: public client, protected by PKCE (always required below).
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    scope: `${LOCAL_SCOPE} offline_access`,
  };
}

function originsOf(uris: readonly string[]): Set<string> {
  return new Set(uris.map((uri) => new URL(uri).origin));
}

function sendPage(ctx: KoaContextWithOIDC, html: string): void {
  ctx.set(PAGE_SECURITY_HEADERS);
  ctx.type = 'html';
  ctx.body = html;
}

/** oidc-provider configuration for local mode: first-party SPA clients, JWT access tokens for one API. */
export function buildProviderConfiguration(input: ProviderConfigurationInput): Configuration {
  const { audience, accounts } = input;
  const allowedOrigins = new Map(
    input.portalClients.map((client) => [client.clientId, originsOf([...client.redirectUris, ...client.postLogoutRedirectUris])]),
  );

  return {
    adapter: input.adapter,
    clients: input.portalClients.map(portalClientMetadata),
    jwks: { keys: input.signingKeys.map((key) => ({ ...key })) },
    cookies: { keys: [...input.cookieKeys] },
    // Authorization code + PKCE only: no implicit or hybrid flows, no client secrets.
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    // The SPA's origins may call token, userinfo and jwks directly from the browser.
    clientBasedCORS: (_ctx, origin, client) => allowedOrigins.get(client.clientId)?.has(origin) ?? false,
    findAccount: (_ctx, subject) => {
      const account = accounts.find(subject);
      if (!account) return undefined;
      return {
        accountId: account.subject,
        claims: () => ({ sub: account.subject, email: account.email, email_verified: true, name: account.name }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = accounts.find(token.accountId);
      return account ? { email: account.email, name: account.name } : undefined;
    },
    // Every registered client is the first-party portal: consent is implicit, so grant everything it may ask for.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existingId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existingId) {
        const existing = await provider.Grant.find(existingId);
        if (existing) return existing;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(`${LOCAL_SCOPE} offline_access`);
      grant.addResourceScope(audience, LOCAL_SCOPE);
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => sendPage(ctx, renderLogoutConfirmationPage(form)),
        postLogoutSuccessSource: (ctx) => sendPage(ctx, renderSignedOutPage(ctx.oidc.client?.clientName)),
      },
      resourceIndicators: {
        enabled: true,
        // The SPA never sends `resource`: every token is for the Cloister API.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== audience) throw new input.providerErrors.InvalidTarget();
          return {
            scope: LOCAL_SCOPE,
            audience,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    renderError: (ctx, out) => {
      sendPage(ctx, renderErrorPage({ error: out.error, error_description: out.error_description }));
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: DAY,
      Grant: 14 * DAY,
      RefreshToken: DAY,
    },
  };
}
