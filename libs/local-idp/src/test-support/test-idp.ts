import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalIdp, LocalIdpOptions } from '../local-idp-options';
import { startLocalIdp } from '../start-local-idp';
import { freeLoopbackPort } from './free-port';

export const TEST_AUDIENCE = 'api://cloister';
export const TEST_CLIENT_ID = 'cloister-portal';
export const TEST_PASSWORD = 'demo-password';

export interface TestIdp {
  idp: LocalIdp;
  options: LocalIdpOptions;
  redirectUri: string;
  postLogoutRedirectUri: string;
  portalOrigin: string;
  /** Stops the IdP (if still running) and deletes its data directory. */
  dispose(): Promise<void>;
}

/** A real IdP on a free loopback port with its own data directory. */
export async function startTestIdp(overrides: { portalOrigin?: string; dataDir?: string; port?: number } = {}): Promise<TestIdp> {
  const port = overrides.port ?? (await freeLoopbackPort());
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'cloister-local-idp-')));
  const portalOrigin = overrides.portalOrigin ?? 'http://127.0.0.1:4200';
  const redirectUri = `${portalOrigin}/auth/callback`;
  const postLogoutRedirectUri = `${portalOrigin}/signed-out`;
  const options: LocalIdpOptions = {
    issuer: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    audience: TEST_AUDIENCE,
    portalClients: [{ clientId: TEST_CLIENT_ID, redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutRedirectUri] }],
    demoPassword: TEST_PASSWORD,
    knownUsers: [
      { email: 'alice@example.org', name: 'Alice Analyst' },
      { email: "o'brien@example.org", name: 'Pat <O’Brien>' },
    ],
  };
  const idp = await startLocalIdp(options);
  let closed = false;
  return {
    idp: {
      issuer: idp.issuer,
      close: async () => {
        closed = true;
        await idp.close();
      },
    },
    options,
    redirectUri,
    postLogoutRedirectUri,
    portalOrigin,
    dispose: async () => {
      if (!closed) await idp.close();
      if (!overrides.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
