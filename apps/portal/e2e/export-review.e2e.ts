// Export review end to end (issue 6, "Done when"): the researcher stages three files with the workspace agent CLI —
// a CSV with a valid NHS number (supporting), a table with a count of 3 and a text summary (both outputs) — then
// creates and submits a request in the portal; the automated checks show both findings; two checkers review in
// separate browser contexts and disagree on the table; a third checker (the data owner, given the role by the
// project admin) resolves it; the release runs; the researcher downloads each released file and its SHA-256 equals
// the staged file's; finally the audit chain verifies.
// Needs a running platform: CLOISTER_PORTAL_URL=http://127.0.0.1:4400 npx vitest run --config apps/portal/vitest.e2e.config.mts export-review
// The workspace credential is read from the platform's data dir: CLOISTER_DATA_DIR (npm test passes it), else .cloister.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSection, portalUrl, signIn } from './support';

const repoRoot = resolve(import.meta.dirname, '../../..');
const screenshotDir = join(import.meta.dirname, 'screenshots');
const title = `E2E release ${new Date().toISOString().replace(/[:.]/g, '-')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// A run id in each file keeps their hashes new, so a re-run on the same data dir never meets a held file.
const runId = Date.now().toString(36);
const files = {
  'patients.csv': Buffer.from(`id,nhs_number,age_band\n1,not recorded,40-49\n2,943 476 5919,50-59\n${runId},not recorded,60-69\n`, 'utf8'),
  'counts.csv': Buffer.from(`region,count\nNorth,25\nSouth,3\nEast,40\nWest,${30 + (Date.now() % 50)}\n`, 'utf8'),
  'summary.txt': Buffer.from(`Mean follow-up was 4.2 years across the four regions (run ${runId}).\n`, 'utf8'),
} as const;
type FileName = keyof typeof files;
const roles: Record<FileName, 'output' | 'supporting'> = { 'patients.csv': 'supporting', 'counts.csv': 'output', 'summary.txt': 'output' };
const outputs = (Object.keys(roles) as FileName[]).filter((name) => roles[name] === 'output');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The API as one demo user, through the local-mode token route (scripts' way in). */
async function api<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  const tokenRes = await fetch(`${portalUrl}/api/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${portalUrl}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} as ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function credentialFile(projectId: string): string {
  const inDir = (dir: string) => join(dir, 'workspaces', projectId, 'agent-credential.json');
  const file = inDir(resolve(repoRoot, process.env['CLOISTER_DATA_DIR'] ?? '.cloister'));
  if (!existsSync(file)) throw new Error(`no workspace credential at ${file}; set CLOISTER_DATA_DIR to the platform's data dir`);
  return file;
}

/** Signs in as a checker, claims the request, votes and submits; `check` runs on the review page before voting. */
async function review(browser: Browser, email: string, votes: Record<string, { decision: 'Approve' | 'Request changes' | 'Reject'; comment: string }>, check?: (page: Page) => Promise<void>) {
  const { context, page } = await signIn(browser, email);
  try {
    await openSection(page, '/reviews');
    await page.getByRole('heading', { name: 'Awaiting my review', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Awaiting my review' }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByRole('form', { name: 'Your review' }).waitFor();
    await check?.(page);
    for (const [path, vote] of Object.entries(votes)) {
      await page.getByRole('radiogroup', { name: `Vote on ${path}` }).getByRole('radio', { name: vote.decision }).check();
      await page.getByRole('textbox', { name: `Comment on ${path}` }).fill(vote.comment);
    }
    await page.getByRole('textbox', { name: 'Comment for the researcher' }).fill(`Reviewed by ${email}.`);
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText(/Your review was submitted/).waitFor();
    return { context, page };
  } catch (e) {
    await context.close();
    throw e;
  }
}

describe('export review', () => {
  let browser: Browser;
  let projectId = '';
  let requestPath = '';
  const stagedDir = mkdtempSync(join(tmpdir(), 'cloister-e2e-outputs-'));
  const downloadDir = mkdtempSync(join(tmpdir(), 'cloister-e2e-downloads-'));

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchBrowser();
    const me = await api<{ projects: { id: string; name: string }[] }>('researcher@example.org', 'GET', '/api/v1/me');
    projectId = me.projects.find((p) => p.name === 'Demo study')?.id ?? '';
    expect(projectId).not.toBe('');
  });

  afterAll(async () => {
    await browser?.close();
    for (const dir of [stagedDir, downloadDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('the researcher stages outputs with the agent CLI and sees them, metadata only', async () => {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(stagedDir, name), bytes);
    // The worker writes the credential at boot; allow it a moment on a fresh platform.
    await expect.poll(() => { try { return existsSync(credentialFile(projectId)); } catch { return false; } }, { timeout: 30_000 }).toBe(true);
    const put = spawnSync(process.execPath, [join(repoRoot, 'libs/workspace-agent/bin/cloister-agent.js'), 'put', '--project', projectId, '--user', 'researcher@example.org', ...Object.keys(files)], {
      cwd: stagedDir, env: { ...process.env, CLOISTER_AGENT_CREDENTIAL: credentialFile(projectId) }, encoding: 'utf8',
    });
    expect(put.stderr).toBe('');
    expect(put.status).toBe(0);
    for (const bytes of Object.values(files)) expect(put.stdout).toContain(`sha256=${sha256(bytes)}`);

    const { context, page } = await signIn(browser, 'researcher@example.org');
    try {
      await openSection(page, `/outputs?project=${projectId}`);
      await page.getByRole('heading', { name: 'Outputs', level: 1 }).waitFor();
      const table = page.getByRole('table', { name: 'Staged outputs' });
      for (const [name, bytes] of Object.entries(files)) await table.getByRole('row', { name: new RegExp(`${name}.*${sha256(bytes)}`) }).waitFor();
      expect(await page.getByText(`npx cloister-agent put --project ${projectId}`).count()).toBe(1);
      await shot(page, 'exports-staged');
    } finally {
      await context.close();
    }
  });

  it('the researcher creates and submits a request; the checks show the NHS number and the count of 3', async () => {
    const { context, page } = await signIn(browser, 'researcher@example.org');
    try {
      await openSection(page, `/outputs?project=${projectId}`);
      await page.getByRole('button', { name: 'New export request' }).click();
      await page.getByRole('heading', { name: 'New export request', level: 1 }).waitFor();
      // Submitting empty shows the rules on the fields before anything is sent.
      await page.getByRole('button', { name: 'Create request' }).click();
      await page.getByText('a request needs at least one file with role "output"').waitFor();
      await page.getByRole('textbox', { name: 'Title' }).fill(title);
      await page.getByRole('textbox', { name: 'Purpose' }).fill('Regional follow-up figures for the annual report.');
      await page.getByRole('textbox', { name: 'Group name' }).fill('Regional counts');
      await page.getByRole('textbox', { name: 'Context' }).fill('Counts of clinics per region, from the 2023 extract.');
      await page.getByRole('textbox', { name: 'Disclosure controls applied' }).fill('No rows for individuals; the patient list is supporting only.');
      for (const name of Object.keys(files) as FileName[]) {
        await page.getByRole('combobox', { name: `Role of ${name} in group 1` }).selectOption(roles[name]);
      }
      await shot(page, 'exports-new-request');
      await page.getByRole('button', { name: 'Create request' }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      requestPath = new URL(page.url()).pathname;
      expect(await page.getByTestId('request-status').textContent()).toBe('Draft');

      await page.getByRole('button', { name: 'Submit for review' }).click();
      const status = page.getByTestId('request-status');
      await expect.poll(() => status.textContent(), { timeout: 90_000, interval: 1000 }).toBe('In review');

      const patients = page.getByTestId('checks-patients.csv');
      expect(await patients.textContent()).toMatch(/NHS.*row 2, column "nhs_number"/);
      const counts = page.getByTestId('checks-counts.csv');
      expect(await counts.getByRole('list', { name: 'Flagged cells of counts.csv' }).textContent()).toContain('row 2, column 2');
      for (const name of Object.keys(files) as FileName[]) expect(await page.getByTestId(`sha256-${name}`).textContent()).toBe(sha256(files[name]));
      await page.getByRole('list', { name: 'Timeline' }).getByText('Checks passed to review').waitFor();
      await shot(page, 'exports-request-in-review');
    } finally {
      await context.close();
    }
  });

  it('two checkers vote blind in separate contexts and disagree on the table', async () => {
    const first = await review(
      browser,
      'checker1@example.org',
      {
        'counts.csv': { decision: 'Approve', comment: 'South counts clinics, not people: no disclosure risk.' },
        'summary.txt': { decision: 'Approve', comment: 'A mean over four regions.' },
      },
      async (page) => {
        // Previews: the count of 3 and the NHS number are highlighted where they are.
        await page.getByRole('button', { name: 'Preview counts.csv' }).click();
        const counts = page.getByRole('table', { name: 'Preview of counts.csv' });
        await counts.waitFor();
        expect(await counts.locator('[data-flag="disclosure"]').allTextContents()).toContainEqual(expect.stringMatching(/^3 \(flagged/));
        await page.getByRole('button', { name: 'Preview patients.csv' }).click();
        const patients = page.getByRole('table', { name: 'Preview of patients.csv' });
        await patients.waitFor();
        expect(await patients.locator('[data-flag="pii"]').allTextContents()).toEqual([expect.stringMatching(/^943 476 5919/)]);
        // Blinded: nobody else's votes yet, and the comment rule is stated before submitting.
        expect(await page.getByRole('list', { name: 'Votes' }).count()).toBe(0);
        await page.getByRole('radiogroup', { name: 'Vote on counts.csv' }).getByRole('radio', { name: 'Approve' }).check();
        await page.getByText(/^Required: /).first().waitFor();
        await shot(page, 'exports-review-checker1');
      },
    );
    await first.context.close();

    // The second checker, in a fresh context, does not see the first one's votes before submitting.
    const second = await review(browser, 'checker2@example.org', {
      'counts.csv': { decision: 'Request changes', comment: 'Suppress counts under 10 or merge South with East.' },
      'summary.txt': { decision: 'Approve', comment: 'Fine as it is.' },
    }, async (page) => {
      expect(await page.getByRole('list', { name: 'Votes' }).count()).toBe(0);
    });
    try {
      const votes = second.page.getByRole('list', { name: 'Votes' });
      await votes.waitFor();
      expect(await votes.textContent()).toContain('Approve counts.csv');
      await expect.poll(() => second.page.getByTestId('request-status').textContent(), { timeout: 30_000 }).toBe('Reviewed');
      await second.page.getByRole('group', { name: 'counts.csv', exact: true }).getByText('Conflicted').waitFor();
      await shot(second.page, 'exports-review-conflicted');
    } finally {
      await second.context.close();
    }
  });

  it('a third checker resolves the conflict and the release runs', async () => {
    // The demo project has two checkers: the project admin makes the data owner a third one.
    const members = await api<{ items: { userId: string; email: string; roles: string[] }[] }>('pi@example.org', 'GET', `/api/v1/projects/${projectId}/members`);
    const owner = members.items.find((m) => m.email === 'owner@example.org');
    expect(owner).toBeDefined();
    if (!owner!.roles.includes('output_checker')) {
      await api('pi@example.org', 'PUT', `/api/v1/projects/${projectId}/members/${owner!.userId}`, { roles: [...owner!.roles, 'output_checker'] });
    }
    const third = await review(browser, 'owner@example.org', {
      'counts.csv': { decision: 'Approve', comment: 'Agree with the first checker: these are clinics.' },
      'summary.txt': { decision: 'Approve', comment: 'No risk.' },
    });
    await third.context.close();
  });

  it('the researcher downloads each released file; each SHA-256 equals the staged file', async () => {
    const { context, page } = await signIn(browser, 'researcher@example.org');
    try {
      await openSection(page, requestPath);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId('request-status').textContent(), { timeout: 90_000, interval: 1000 }).toBe('Released');
      expect(await page.getByRole('button', { name: 'Download patients.csv' }).count()).toBe(0); // supporting: never released
      for (const name of outputs) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${name}` }).click()]);
        expect(download.suggestedFilename()).toBe(name);
        const saved = join(downloadDir, name);
        await download.saveAs(saved);
        expect(sha256(readFileSync(saved))).toBe(sha256(files[name]));
        await page.getByRole('group', { name, exact: true }).getByText('SHA-256 matches the approved file').waitFor();
      }
      await page.getByRole('list', { name: 'Timeline' }).getByText('Released', { exact: true }).waitFor();
      await shot(page, 'exports-released');
    } finally {
      await context.close();
    }
  });

  it('the project admin sees the request with its history; the audit chain verifies', async () => {
    const { context, page } = await signIn(browser, 'pi@example.org');
    try {
      await openSection(page, `/exports?project=${projectId}`);
      await page.getByRole('table', { name: 'Export requests' }).getByRole('link', { name: title }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Revoke release' }).waitFor();
      const history = await page.getByRole('list', { name: 'Timeline' }).textContent();
      for (const step of ['Created', 'Submitted', 'Review submitted', 'Approved', 'Released', 'Downloaded']) expect(history).toContain(step);
      await shot(page, 'exports-admin');
    } finally {
      await context.close();
    }
    const verified = await api<{ ok: boolean; checked: number }>('admin@example.org', 'POST', '/api/v1/audit-events/verify', {});
    expect(verified.ok).toBe(true);
    expect(verified.checked).toBeGreaterThan(0);
  });
});
