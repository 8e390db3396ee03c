import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AdapterPayload, default as OidcProvider } from 'oidc-provider';
import { renderErrorPage } from './error-page';
import { createInteractionHandler, isInteractionPath } from './interaction-handler';
import { idpDirectory, loadOrCreateCookieKeys, loadOrCreateSigningKeys } from './key-store';
import { LocalAccountDirectory } from './local-account-directory';
import type { LocalIdp, LocalIdpOptions } from './local-idp-options';
import { PAGE_SECURITY_HEADERS } from './page-layout';
import { createProviderAdapterFactory } from './provider-adapter';
import { buildProviderConfiguration } from './provider-configuration';
import { ProviderStore } from './provider-store';

function assertLoopbackIssuer(issuer: string): void {
  const url = new URL(issuer);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // Plain http is only acceptable because nothing leaves the machine.
  if (url.protocol === 'http:' && !loopback) throw new Error(`local IdP issuer must be https or a loopback address, got ${issuer}`);
  if (url.search || url.hash || issuer.endsWith('/')) throw new Error(`issuer must have no query, fragment or trailing slash: ${issuer}`);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const description = error instanceof Error ? error.message : 'unexpected error';
  res.writeHead(400, { ...PAGE_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  res.end(renderErrorPage({ error: 'invalid_request', error_description: description }));
}

/** Starts the local-mode OpenID Connect provider on plain http, loopback only by default. */
export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  assertLoopbackIssuer(options.issuer);
  const [signingKeys, cookieKeys] = await Promise.all([loadOrCreateSigningKeys(options.dataDir), loadOrCreateCookieKeys(options.dataDir)]);
  const accounts = new LocalAccountDirectory(options.knownUsers);
  // Loaded on demand so that importing this library for the verifier (Azure mode) never loads the provider.
  const { default: Provider, errors } = await import('oidc-provider');
  // Sessions, grants, codes, refresh tokens and interactions live next to the keys, so a restart signs no one out.
  const store = await ProviderStore.open<AdapterPayload>({ directory: idpDirectory(options.dataDir) });
  try {
    const provider = new Provider(
      options.issuer,
      buildProviderConfiguration({
        audience: options.audience,
        portalClients: options.portalClients,
        signingKeys,
        cookieKeys,
        accounts,
        adapter: createProviderAdapterFactory(store),
        providerErrors: errors,
      }),
    );
    const server = await listen(options, provider, accounts);
    return {
      issuer: options.issuer,
      close: async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Browsers keep idle connections open; without this close() would wait for them.
          server.closeAllConnections();
        });
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function listen(options: LocalIdpOptions, provider: OidcProvider, accounts: LocalAccountDirectory): Promise<Server> {
  const handleInteraction = createInteractionHandler({
    provider,
    accounts,
    audience: options.audience,
    demoPassword: options.demoPassword,
    knownEmails: (options.knownUsers ?? []).map((user) => user.email),
  });
  const providerCallback = provider.callback();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', options.issuer).pathname;
    if (isInteractionPath(pathname)) {
      handleInteraction(req, res, pathname).catch((error: unknown) => sendError(res, error));
      return;
    }
    void providerCallback(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
