// Shared by the e2e specs: one headless Chromium, and signing in through the real IdP.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const portalUrl = (process.env['CLOISTER_PORTAL_URL'] ?? '').replace(/\/+$/, '');
export const password = 'cloister';

export async function launchBrowser(): Promise<Browser> {
  if (!portalUrl) throw new Error('Set CLOISTER_PORTAL_URL to the running portal, e.g. http://127.0.0.1:4400');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (no cookies or sessionStorage from another user) signed in as `email`, on the landing page. */
export async function signIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${portalUrl}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const portalOrigin = new URL(portalUrl).origin;
  // The IdP's button is also labelled "Sign in": wait until we are on its origin.
  await page.waitForURL((url) => url.origin !== portalOrigin);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === portalOrigin && url.pathname === '/');
  await page.getByTestId('landing').waitFor({ state: 'visible' });
  return { context, page };
}

/** Client-side navigation inside the signed-in app (a full reload would keep the session too, but slower). */
export async function openSection(page: Page, path: string): Promise<void> {
  await page.goto(`${portalUrl}${path}`);
}

type ControlRole = 'textbox' | 'combobox' | 'spinbutton';

/**
 * The validation message Fluent's Field shows under the control with this role and accessible
 * name. (Accessible names, not label text: a required label's text ends in "*".)
 */
export function fieldMessage(page: Page, role: ControlRole, name: string) {
  return page
    .locator('.fui-Field')
    .filter({ has: page.getByRole(role, { name, exact: true }) })
    .locator('.fui-Field__validationMessage');
}
