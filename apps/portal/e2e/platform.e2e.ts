// Platform admin operations: provisioning a project shows the simulated environment's timeline, and the queue
// dashboard opens for admins. Needs a running platform (CLOISTER_PORTAL_URL).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSection, portalUrl, signIn } from './support';

async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${portalUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('platform operations', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('provisions a project and shows its simulated environment step by step', async () => {
    const admin = (await api<{ access_token: string }>('POST', '/api/v1/dev/token', null, { email: 'admin@example.org' })).access_token;
    const project = await api<{ id: string }>('POST', '/api/v1/projects', admin, { name: `Provisioned ${Date.now()}`, tier: 1, adminEmails: ['pi@example.org'] });
    const { context, page } = await signIn(browser, 'admin@example.org');
    try {
      await openSection(page, `/projects/${project.id}`);
      await page.getByText('Not provisioned yet.').waitFor();
      await page.getByRole('button', { name: 'Provision' }).click();
      const environment = page.getByRole('region', { name: 'Environment' });
      await environment.getByText('simulated', { exact: true }).waitFor({ timeout: 60_000 });
      await page.getByText('Active', { exact: true }).first().waitFor({ timeout: 90_000 });
      const rows = environment.getByRole('table', { name: 'Provisioning steps' }).getByRole('row');
      expect(await rows.count()).toBeGreaterThan(5);
      expect(await environment.getByText('failed', { exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('opens the queue dashboard for platform admins', async () => {
    const { context, page } = await signIn(browser, 'admin@example.org');
    try {
      const popup = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Open queue dashboard' }).click();
      const board = await popup;
      await board.waitForLoadState();
      expect(board.url()).toContain('/admin/queues');
      await board.getByText('provisioning').first().waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});
