// Platform admin creates a project for pi@, pi@ invites a researcher, the audit log shows both,
// and form errors (the browser's and the API's) appear next to their fields. Needs a running
// platform: CLOISTER_PORTAL_URL=http://127.0.0.1:4400 npx vitest run --config apps/portal/vitest.e2e.config.mts
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessage, launchBrowser, openSection, signIn } from './support';

const screenshotDir = join(import.meta.dirname, 'screenshots');
const projectName = `E2E study ${new Date().toISOString().replace(/[:.]/g, '-')}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

describe('projects, members and audit log', () => {
  let browser: Browser;
  let projectId = '';

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('admin creates a project naming pi@example.org as its admin and sees it listed', async () => {
    const { context, page } = await signIn(browser, 'admin@example.org');
    try {
      await openSection(page, '/projects');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.getByRole('button', { name: 'Create project' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(projectName);
      await dialog.getByRole('textbox', { name: 'Description' }).fill('Created by the portal e2e spec.');
      await dialog.getByRole('combobox', { name: 'Tier', exact: true }).selectOption('2');
      await dialog.getByRole('textbox', { name: 'Project admin email 1' }).fill('pi@example.org');
      await shot(page, 'projects-create-dialog');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();

      // Listed at once, with a notice linking to it.
      const row = page.getByRole('row', { name: new RegExp(projectName) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Tier 2');
      expect(await row.textContent()).toContain('Draft');
      await shot(page, 'projects-list');

      await page.getByRole('link', { name: `Open ${projectName}` }).click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      projectId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await page.getByRole('heading', { name: projectName }).waitFor();
      expect(await page.getByTestId('project-status').textContent()).toBe('Draft');
      await page.getByRole('button', { name: 'Provision' }).waitFor();
      await page.getByRole('table', { name: 'Members' }).getByText('pi@example.org').waitFor();
      await shot(page, 'project-detail-platform-admin');
    } finally {
      await context.close();
    }
  });

  it('shows the rules next to the fields: inline for tier bounds, the API’s for a taken name', async () => {
    const { context, page } = await signIn(browser, 'admin@example.org');
    try {
      await openSection(page, '/projects');
      await page.getByRole('button', { name: 'Create project' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(projectName);
      await dialog.getByRole('combobox', { name: 'Tier', exact: true }).selectOption('3');
      await dialog.getByRole('spinbutton', { name: 'Output checkers required' }).fill('1');
      await dialog.getByRole('textbox', { name: 'Project admin email 1' }).fill('pi@example.org');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect.poll(() => fieldMessage(page, 'spinbutton', 'Output checkers required').textContent()).toBe('tier 3 needs between 2 and 4 distinct output checkers, got 1');

      // Within bounds now, so the request goes out and the API refuses the duplicate name.
      await dialog.getByRole('spinbutton', { name: 'Output checkers required' }).fill('2');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect.poll(() => fieldMessage(page, 'textbox', 'Name').textContent()).toBe(`a project called "${projectName}" already exists`);
      await shot(page, 'projects-create-errors');
    } finally {
      await context.close();
    }
  });

  it('pi opens the project, invites researcher@example.org as researcher and sees the member', async () => {
    expect(projectId).not.toBe('');
    const { context, page } = await signIn(browser, 'pi@example.org');
    try {
      await openSection(page, '/projects');
      await page.getByRole('link', { name: projectName }).click();
      await page.getByRole('heading', { name: projectName }).waitFor();
      const invite = page.getByRole('form', { name: 'Invite a member' });
      await invite.getByRole('textbox', { name: 'Email', exact: true }).fill('researcher@example.org');
      await invite.getByRole('checkbox', { name: 'Researcher' }).check();
      await invite.getByRole('button', { name: 'Invite member' }).click();

      const members = page.getByRole('table', { name: 'Members' });
      const row = members.getByRole('row', { name: /researcher@example\.org/ });
      await row.waitFor();
      expect(await row.getByRole('checkbox', { name: 'Researcher for researcher@example.org' }).isChecked()).toBe(true);
      expect(await row.getByRole('checkbox', { name: 'Project admin for researcher@example.org' }).isChecked()).toBe(false);
      await shot(page, 'project-detail-project-admin');

      // Inviting the same person again: the API's MEMBER_EXISTS lands on the email field.
      await invite.getByRole('textbox', { name: 'Email', exact: true }).fill('researcher@example.org');
      await invite.getByRole('button', { name: 'Invite member' }).click();
      await expect.poll(() => fieldMessage(page, 'textbox', 'Email').textContent()).toBe('researcher@example.org is already a member; change their roles instead');

      // The last project admin cannot drop the role, nor be removed: LAST_PROJECT_ADMIN is explained.
      await members.getByRole('checkbox', { name: 'Researcher for pi@example.org' }).check();
      // click, not uncheck: the API refuses, so the box rightly stays ticked.
      await members.getByRole('checkbox', { name: 'Project admin for pi@example.org' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'A project must keep at least one project admin.' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('LAST_PROJECT_ADMIN');
      expect(await members.getByRole('checkbox', { name: 'Project admin for pi@example.org' }).isChecked()).toBe(true);
      await refusal.getByRole('button', { name: 'Dismiss' }).click();

      await members.getByRole('button', { name: 'Remove pi@example.org' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
      await refusal.waitFor();
      await shot(page, 'members-last-admin');
      // Leave pi as the demo has them elsewhere: project admin only.
      await members.getByRole('checkbox', { name: 'Researcher for pi@example.org' }).uncheck();

      await openSection(page, `/members?project=${projectId}`);
      await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
      await page.getByRole('table', { name: 'Members' }).getByText('researcher@example.org').waitFor();
      await shot(page, 'members-page');

      await openSection(page, `/projects/${projectId}/settings`);
      await page.getByRole('heading', { name: 'Project settings' }).waitFor();
      await page.getByRole('combobox', { name: 'Tier', exact: true }).selectOption('4');
      await page.getByRole('spinbutton', { name: 'Output checkers required' }).fill('6');
      await page.getByRole('spinbutton', { name: 'Output checkers required' }).blur();
      await expect.poll(() => fieldMessage(page, 'spinbutton', 'Output checkers required').textContent()).toBe('tier 4 needs between 2 and 5 distinct output checkers, got 6');
      await shot(page, 'project-settings');
    } finally {
      await context.close();
    }
  });

  it('admin filters the audit log by the project and sees project.created and project.member_added', async () => {
    const { context, page } = await signIn(browser, 'admin@example.org');
    try {
      await openSection(page, '/audit-log');
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      const project = page.getByRole('combobox', { name: 'Project', exact: true });
      await page.locator(`option[value="${projectId}"]`).waitFor({ state: 'attached' });
      await project.selectOption(projectId);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('projectId') === projectId);

      const events = page.getByRole('table', { name: 'Audit events' });
      await events.getByRole('cell', { name: 'project.created', exact: true }).waitFor();
      const added = events.getByRole('row').filter({ has: page.getByRole('cell', { name: 'project.member_added', exact: true }) });
      await expect.poll(() => added.count()).toBe(2);
      expect(await events.textContent()).toContain('researcher@example.org');

      await page.getByRole('button', { name: 'Verify chain' }).click();
      await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('Chain intact');
      expect(await page.getByRole('button', { name: 'Verify chain' }).isEnabled()).toBe(true);
      await shot(page, 'audit-log');

      await page.getByRole('button', { name: 'Export' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /JSON Lines/ }).click()]);
      expect(download.suggestedFilename()).toBe('audit-events.jsonl');
      const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { action: string; projectId: string });
      expect(lines.map((line) => line.action)).toEqual(expect.arrayContaining(['project.created', 'project.member_added']));
      expect(lines.every((line) => line.projectId === projectId)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
