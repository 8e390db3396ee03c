// Signs in as each demo user through the real IdP and checks the role landing, against a
// running platform. Run with: npx vitest run --config apps/portal/vitest.e2e.config.mts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, portalUrl, signIn } from './support';

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
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses anonymous API calls', async () => {
    const response = await fetch(`${portalUrl}/api/v1/projects`);
    expect(response.status).toBe(401);
  });

  it.each(demoUsers)('signs in $email and lands on $landing', async ({ email, landing }) => {
    // signIn opens a fresh context per user: no cookies or sessionStorage leak between roles.
    const { context, page } = await signIn(browser, email);
    try {
      expect((await page.getByTestId('landing').textContent())?.trim()).toBe(landing);
      expect(await page.getByTestId('user-email').textContent()).toBe(email);
      await page.screenshot({ path: join(screenshotDir, `${email.split('@')[0]}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
