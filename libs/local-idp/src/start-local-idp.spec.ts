import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from './access-token-verifier';
import { localSubjectFor } from './local-subject';
import { AuthorizationCodeFlow } from './test-support/authorization-code-flow';
import { TEST_AUDIENCE, TEST_CLIENT_ID, TEST_PASSWORD, startTestIdp, type TestIdp } from './test-support/test-idp';

describe('startLocalIdp', () => {
  let test: TestIdp;
  let flowTarget: { issuer: string; clientId: string; redirectUri: string };

  beforeAll(async () => {
    test = await startTestIdp();
    flowTarget = { issuer: test.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: test.redirectUri };
  });
  afterAll(async () => test.dispose());

  it('publishes discovery metadata and only the public half of the persisted signing key', async () => {
    const response = await fetch(`${test.idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata['issuer']).toBe(test.idp.issuer);
    expect(metadata['code_challenge_methods_supported']).toEqual(['S256']);
    expect(metadata['response_types_supported']).toEqual(['code']);
    expect(metadata['end_session_endpoint']).toBe(`${test.idp.issuer}/session/end`);

    const jwks = (await (await fetch(String(metadata['jwks_uri']))).json()) as { keys: Record<string, unknown>[] };
    const stored = JSON.parse(await readFile(join(test.options.dataDir, 'idp', 'jwks.json'), 'utf8')) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key['kid'])).toEqual([stored.keys[0]?.kid]);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('renders an accessible, escaped login page with the local-mode hint', async () => {
    const { response } = await new AuthorizationCodeFlow(flowTarget).openLoginPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain('<h1>Sign in to Cloister</h1>');
    expect(html).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain(`<code>${TEST_PASSWORD}</code>`);
    expect(html).toContain('<code>o&#39;brien@example.org</code>');
    expect(html).not.toMatch(/<(script|link)\b/);
  });

  it('rejects a wrong password with 401 and an alert, keeping the typed email escaped', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const { interactionPath } = await flow.openLoginPage();
    const typed = 'x"><script>alert(1)</script>@example.org';
    const response = await flow.signIn(interactionPath, typed, 'not-the-password');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('<p role="alert" id="login-error">Wrong email or password.</p>');
    expect(html).toContain('value="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.org"');
    expect(html).not.toContain('<script>');

    const wrongPassword = await flow.signIn(interactionPath, 'alice@example.org', `${TEST_PASSWORD}x`);
    expect(wrongPassword.status).toBe(401);
  });

  it('refuses an authorization request without PKCE', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const url = new URL(flow.authorizationUrl());
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const { location } = await flow.follow(await flow.get(url.href));
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('runs the authorization-code + PKCE flow to a JWT access token for the API audience', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const code = await flow.signInForCode('Alice@Example.org', TEST_PASSWORD);
    const { response, body } = await flow.exchangeCode(code, test.portalOrigin);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(test.portalOrigin);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);

    const verifier = createAccessTokenVerifier({ issuer: test.idp.issuer, audience: TEST_AUDIENCE });
    const verified = await verifier.verify(body.access_token);
    expect(verified.subject).toBe(localSubjectFor('alice@example.org'));
    expect(verified.subject).toMatch(/^local\|[0-9a-f]{32}$/);
    expect(verified.email).toBe('alice@example.org');
    expect(verified.name).toBe('Alice Analyst');
    expect(verified.claims['aud']).toBe(TEST_AUDIENCE);
    expect(verified.claims['client_id']).toBe(TEST_CLIENT_ID);
    expect(verified.claims['scope']).toBe('openid email profile');
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });

    const keys = createRemoteJWKSet(new URL(`${test.idp.issuer}/jwks`));
    const { payload: idToken } = await jwtVerify(body.id_token, keys, { issuer: test.idp.issuer, audience: TEST_CLIENT_ID });
    expect(idToken).toMatchObject({ sub: verified.subject, email: 'alice@example.org', name: 'Alice Analyst', nonce: flow.nonce });

    // The refresh grant keeps issuing API-audience JWTs, so the SPA can renew without `resource`.
    expect(body.refresh_token).toEqual(expect.any(String));
    const refreshed = await fetch(`${test.idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: test.portalOrigin },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: body.refresh_token ?? '', client_id: TEST_CLIENT_ID }).toString(),
    });
    expect(refreshed.status).toBe(200);
    const refreshedBody = (await refreshed.json()) as { access_token: string };
    expect((await verifier.verify(refreshedBody.access_token)).subject).toBe(verified.subject);
  });

  it('gives unknown emails a stable subject and a readable name', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const code = await flow.signInForCode('new.person@example.net', TEST_PASSWORD);
    const { body } = await flow.exchangeCode(code, test.portalOrigin);
    const verified = await createAccessTokenVerifier({ issuer: test.idp.issuer, audience: TEST_AUDIENCE }).verify(body.access_token);
    expect(verified.subject).toBe(localSubjectFor('NEW.person@example.net'));
    expect(verified.email).toBe('new.person@example.net');
    expect(verified.name).toBe('New Person');
  });

  it('does not let a foreign origin call the token endpoint from a browser', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const code = await flow.signInForCode('alice@example.org', TEST_PASSWORD);
    const { response } = await flow.exchangeCode(code, 'http://127.0.0.1:9');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ends the session and redirects to the registered post-logout URI', async () => {
    const flow = new AuthorizationCodeFlow(flowTarget);
    const code = await flow.signInForCode('alice@example.org', TEST_PASSWORD);
    const { body } = await flow.exchangeCode(code, test.portalOrigin);

    const endSession = new URL(`${test.idp.issuer}/session/end`);
    endSession.search = new URLSearchParams({
      id_token_hint: body.id_token,
      post_logout_redirect_uri: test.postLogoutRedirectUri,
      client_id: TEST_CLIENT_ID,
      state: 'bye',
    }).toString();
    const confirmation = await flow.get(endSession.href);
    expect(confirmation.status).toBe(200);
    const html = await confirmation.text();
    expect(html).toContain('<h1>Sign out of Cloister?</h1>');
    const action = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action).toBeDefined();
    expect(xsrf).toBeDefined();

    const { location } = await flow.follow(await flow.postForm(action ?? '', { xsrf: xsrf ?? '', logout: 'yes' }));
    expect(location?.href).toBe(`${test.postLogoutRedirectUri}?state=bye`);

    // Signed out for real: a new authorization request asks for credentials again.
    const { response } = await flow.follow(await flow.get(flow.authorizationUrl()));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<h1>Sign in to Cloister</h1>');
  });
});
