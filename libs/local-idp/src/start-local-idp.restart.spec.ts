import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccessTokenVerifier } from './access-token-verifier';
import { localSubjectFor } from './local-subject';
import { AuthorizationCodeFlow, type FlowTarget } from './test-support/authorization-code-flow';
import { TEST_AUDIENCE, TEST_CLIENT_ID, TEST_PASSWORD, startTestIdp, type TestIdp } from './test-support/test-idp';

interface RefreshResult {
  status: number;
  body: { access_token?: string; refresh_token?: string; error?: string };
}

async function refresh(issuer: string, origin: string, refreshToken: string): Promise<RefreshResult> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: TEST_CLIENT_ID }).toString(),
  });
  return { status: response.status, body: (await response.json()) as RefreshResult['body'] };
}

describe('the local IdP across a restart on the same data directory', () => {
  let dataDir: string;
  let running: TestIdp | undefined;
  let flowTarget: FlowTarget;

  /** Stops the running IdP and starts another on the same port and data directory, as `npm start` does. */
  const restart = async () => {
    if (!running) throw new Error('no IdP running');
    const port = running.options.port;
    await running.dispose();
    running = await startTestIdp({ dataDir, port });
    return running;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cloister-local-idp-restart-'));
    running = await startTestIdp({ dataDir });
    flowTarget = { issuer: running.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: running.redirectUri };
  });
  afterEach(async () => {
    await running?.dispose();
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the browser session: a new authorization request completes without the login page', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    await flow.signInForCode('alice@example.org', TEST_PASSWORD);

    const idp = await restart();

    const { response, location } = await flow.follow(await flow.get(flow.authorizationUrl()));
    expect(response.status, 'redirected straight back to the portal, no page rendered').toBe(303);
    expect(`${location?.origin}${location?.pathname}`).toBe(idp.redirectUri);
    const code = location?.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    const { body } = await flow.exchangeCode(code ?? '', idp.portalOrigin);
    const verified = await createAccessTokenVerifier({ issuer: idp.idp.issuer, audience: TEST_AUDIENCE }).verify(body.access_token);
    expect(verified.subject).toBe(localSubjectFor('alice@example.org'));
  });

  it('refreshes with a refresh token issued before the restart, and revokes the grant when a used one is replayed', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const { body: issued } = await flow.exchangeCode(await flow.signInForCode('alice@example.org', TEST_PASSWORD), running?.portalOrigin ?? '');
    const beforeRestart = issued.refresh_token ?? '';
    expect(beforeRestart).not.toBe('');

    const idp = await restart();

    const refreshed = await refresh(idp.idp.issuer, idp.portalOrigin, beforeRestart);
    expect(refreshed.status).toBe(200);
    const verifier = createAccessTokenVerifier({ issuer: idp.idp.issuer, audience: TEST_AUDIENCE });
    expect((await verifier.verify(refreshed.body.access_token ?? '')).subject).toBe(localSubjectFor('alice@example.org'));
    // The SPA is a public client, so the refresh token rotated and the old one is now consumed, in the store.
    const rotated = refreshed.body.refresh_token ?? '';
    expect(rotated).not.toBe(beforeRestart);

    // Replaying the consumed token looks like theft: the provider revokes every token of the grant, the rotated one too.
    const replayed = await refresh(idp.idp.issuer, idp.portalOrigin, beforeRestart);
    expect(replayed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    await restart();
    const afterRevocation = await refresh(idp.idp.issuer, idp.portalOrigin, rotated);
    expect(afterRevocation).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('finishes a sign-in whose login page was opened before the restart', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const { interactionPath } = await flow.openLoginPage();

    const idp = await restart();

    const { location } = await flow.follow(await flow.signIn(interactionPath, 'alice@example.org', TEST_PASSWORD));
    expect(`${location?.origin}${location?.pathname}`).toBe(idp.redirectUri);
    expect(location?.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('does not use oidc-provider’s in-memory development adapter', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      await restart();
      const warnings = warn.mock.calls.map((call) => call.map(String).join(' '));
      expect(warnings.filter((warning) => warning.includes('in-memory adapter'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
