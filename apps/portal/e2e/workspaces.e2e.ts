// Workspaces and shutdown policies: a project admin sets a stop schedule and sees its next five runs; a researcher
// creates a workspace (simulated in local mode), waits for it to run, and stops it. Needs a running platform:
// CLOISTER_PORTAL_URL=http://127.0.0.1:4400 npx vitest run --config apps/portal/vitest.e2e.config.mts apps/portal/e2e/workspaces.e2e.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSection, signIn } from './support';

const screenshotDir = join(import.meta.dirname, 'screenshots');
const workspaceName = `e2e-dsvm-${Date.now().toString(36)}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

describe('workspaces and shutdown policies', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('project admin sets a weekday stop schedule and sees the next five runs', async () => {
    const { context, page } = await signIn(browser, 'pi@example.org');
    try {
      await openSection(page, '/workspaces');
      await page.getByRole('heading', { name: 'Project compute' }).waitFor();
      const form = page.getByRole('form', { name: 'Stop schedule' });
      await form.getByRole('textbox', { name: 'Stop at (cron)' }).fill('0 19 * * 1-5');
      await form.getByRole('textbox', { name: 'Start at (cron, optional)' }).fill('0 8 * * 1-5');
      await form.getByRole('textbox', { name: 'Time zone' }).fill('Europe/London');
      const runs = page.getByTestId('next-runs').getByRole('listitem');
      // The preview follows the typing (debounced): wait for the runs of the whole schedule, starts included.
      await expect.poll(async () => {
        const texts = await runs.allTextContents();
        return texts.length === 5 && texts.some((t) => t.startsWith('Stop') && t.includes('19:00')) && texts.some((t) => t.startsWith('Start') && t.includes('08:00'));
      }, { timeout: 10_000 }).toBe(true);

      // A wrong time zone is named next to its field, by the API.
      await form.getByRole('textbox', { name: 'Time zone' }).fill('Mars/Olympus');
      await page.getByText(/timeZone: "Mars\/Olympus" is not an IANA time zone/).waitFor();
      await form.getByRole('textbox', { name: 'Time zone' }).fill('Europe/London');
      await expect.poll(() => runs.count(), { timeout: 10_000 }).toBe(5);

      await form.getByRole('button', { name: 'Save schedule' }).click();
      await page.getByText('Schedule saved.').waitFor();
      await shot(page, 'workspaces-admin-schedule');

      // Saved: a fresh load shows it again.
      await page.reload();
      await page.getByRole('heading', { name: 'Project compute' }).waitFor();
      expect(await page.getByRole('form', { name: 'Stop schedule' }).getByRole('textbox', { name: 'Stop at (cron)' }).inputValue()).toBe('0 19 * * 1-5');
    } finally {
      await context.close();
    }
  });

  it('researcher creates a workspace, waits for it to run, and stops it', async () => {
    const { context, page } = await signIn(browser, 'researcher@example.org');
    try {
      await openSection(page, '/workspaces');
      await page.getByRole('heading', { name: 'My workspaces' }).waitFor();
      const form = page.getByRole('form', { name: 'New workspace' });
      await form.getByRole('textbox', { name: 'Workspace name' }).fill(workspaceName);
      await form.getByRole('button', { name: 'Create workspace' }).click();

      const row = page.getByRole('row', { name: new RegExp(workspaceName) });
      await row.waitFor();
      const status = row.getByTestId('workspace-status');
      // The simulated cloud takes Azure's creation time divided by SIMULATION_SPEED.
      await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('Running');
      await row.getByRole('button', { name: 'Connect' }).click();
      await page.getByText(/Simulated: in Azure this opens/).waitFor();
      await shot(page, 'workspaces-researcher-running');

      await row.getByRole('button', { name: `Stop ${workspaceName}` }).click();
      await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('Stopped');
      expect(await row.textContent()).toContain('Stopped by hand');
      await row.getByRole('button', { name: `Start ${workspaceName}` }).waitFor();
      await shot(page, 'workspaces-researcher-stopped');
    } finally {
      await context.close();
    }
  });
});
