import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from './access-token-verifier';
import { AuthorizationCodeFlow } from './test-support/authorization-code-flow';
import { freeLoopbackPort } from './test-support/free-port';
import { TEST_AUDIENCE, TEST_CLIENT_ID, TEST_PASSWORD, startTestIdp, type TestIdp } from './test-support/test-idp';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

// Drives the real login page in Chromium, then exchanges the code from the portal's origin (real CORS).
describe('login page in Chromium', () => {
  let test: TestIdp;
  let portal: Server;
  let browser: Browser;

  beforeAll(async () => {
    const portalPort = await freeLoopbackPort();
    // Stand-in for the portal: any page on the redirect origin will do.
    portal = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>portal</title><p>portal</p>'));
    await new Promise<void>((resolve) => portal.listen(portalPort, '127.0.0.1', resolve));
    test = await startTestIdp({ portalOrigin: `http://127.0.0.1:${portalPort}` });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await test?.dispose();
    await new Promise<void>((resolve) => (portal ? portal.close(() => resolve()) : resolve()));
  });

  it('signs in with the keyboard-accessible form and yields a token the API accepts', async () => {
    const flow = new AuthorizationCodeFlow({ issuer: test.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: test.redirectUri });
    const page = await browser.newPage();
    await page.goto(flow.authorizationUrl());

    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Cloister' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Email').fill('alice@example.org');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong email or password.');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('alice@example.org');

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.href.startsWith(test.redirectUri)), page.getByLabel('Password').press('Enter')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(flow.state);
    const code = landed.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    const exchange = await page.evaluate(
      async ({ tokenEndpoint, form }) => {
        const response = await fetch(tokenEndpoint, { method: 'POST', body: new URLSearchParams(form) });
        return { status: response.status, body: (await response.json()) as { access_token?: string } };
      },
      {
        tokenEndpoint: `${test.idp.issuer}/token`,
        form: { grant_type: 'authorization_code', code: code ?? '', redirect_uri: test.redirectUri, client_id: TEST_CLIENT_ID, code_verifier: flow.pkce.verifier },
      },
    );
    expect(exchange.status).toBe(200);
    const verified = await createAccessTokenVerifier({ issuer: test.idp.issuer, audience: TEST_AUDIENCE }).verify(exchange.body.access_token ?? '');
    expect(verified).toMatchObject({ email: 'alice@example.org', name: 'Alice Analyst' });
    await page.close();
  });
});
