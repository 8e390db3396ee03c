// Signs in as each demo user through the real IdP and checks the role landing, against a
// running platform. Run with: npx vitest run --config apps/portal/vitest.e2e.config.mts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const portalUrl = (process.env['CLOISTER_PORTAL_URL'] ?? '').replace(/\/+$/, '');
const password = 'cloister';
const screenshotDir = join(import.meta.dirname, 'screenshots');

const demoUsers = [
  { email: 'admin@example.org', landing: 'Platform overview' },
  { email: 'pi@example.org', landing: 'Project administration' },
  { email: 'owner@example.org', landing: 'My datasets' },
  { email: 'researcher@example.org', landing: 'My workspace' },
  { email: 'checker1@example.org', landing: 'Awaiting my review' },
  { email: 'checker2@example.org', landing: 'Awaiting my review' },
  { email: 'outsider@example.org', landing: 'Welcome to Cloister' },
] as const;

describe('portal sign-in', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!portalUrl) throw new Error('Set CLOISTER_PORTAL_URL to the running portal, e.g. http://127.0.0.1:4400');
    mkdirSync(screenshotDir, { recursive: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses anonymous API calls', async () => {
    const response = await fetch(`${portalUrl}/api/v1/projects`);
    expect(response.status).toBe(401);
  });

  it.each(demoUsers)('signs in $email and lands on $landing', async ({ email, landing }) => {
    // A fresh context per user: no cookies or sessionStorage leak between roles.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${portalUrl}/`);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Wait until we are on the IdP's origin; its button is also labelled "Sign in".
      const portalOrigin = new URL(portalUrl).origin;
      await page.waitForURL((url) => url.origin !== portalOrigin);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL((url) => url.origin === portalOrigin && url.pathname === '/');
      const heading = page.getByTestId('landing');
      await heading.waitFor({ state: 'visible' });
      expect((await heading.textContent())?.trim()).toBe(landing);
      expect(await page.getByTestId('user-email').textContent()).toBe(email);

      await page.screenshot({ path: join(screenshotDir, `${email.split('@')[0]}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
