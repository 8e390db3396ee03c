import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { BullJobQueue, createRedisConnection } from '@cloister/adapters';
import { killHard, spawnWorker, until } from '@cloister/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');


// A valid NHS number (mod 11) next to its label, and a disclosive table cell of 3.
const PATIENTS = 'patient,nhs_number,visits\nA,943 476 5919,4\n';
const SUMMARY = 'region,count\nNorth,25\nSouth,3\nEast,40\n';
const NOTES = 'Method: counts from the 2024 extract, rounded to 5.\n';

describe('export review (airlock) through the API and a real worker', () => {
  let h: ApiHarness;
  let worker: ChildProcess;
  let researcher: string;
  let checker1: string;
  let checker2: string;
  let third: string;
  let pi: string;
  let base: string;
  const staged = new Map<string, { id: string; sha256: string }>();

  const stage = async (path: string, body: string) => {
    const env = h.stack.workerEnv();
    const file = join(env['CLOISTER_DATA_DIR']!, 'workspaces', h.demoProjectId, 'agent-credential.json');
    await until(async () => existsSync(file), Boolean, 'the workspace credential');
    const cred = JSON.parse(readFileSync(file, 'utf8')) as { gatewayUrl: string; credential: string };
    const url = `${cred.gatewayUrl}/agent/v1/projects/${h.demoProjectId}/outputs?path=${encodeURIComponent(path)}&user=researcher%40example.org`;
    const res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${cred.credential}`, 'content-type': 'application/octet-stream' }, body });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const detail = async (id: string, token: string) => (await h.call('GET', `${base}/export-requests/${id}`, { token })).body;
  const fileId = (d: { groups: { files: { id: string; path: string }[] }[] }, path: string) => d.groups.flatMap((g) => g.files).find((f) => f.path === path)!.id;

  beforeAll(async () => {
    h = await startApiHarness();
    [researcher, checker1, checker2, third, pi] = await Promise.all(['researcher', 'checker1', 'checker2', 'owner', 'pi'].map((u) => h.token(`${u}@example.org`)));
    base = `/api/v1/projects/${h.demoProjectId}`;
    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
    // The data owner also checks outputs here, so a third checker can resolve a split.
    const members = (await h.call('GET', `${base}/members`, { token: pi })).body.items as { userId: string; email: string; roles: string[] }[];
    const owner = members.find((m) => m.email === 'owner@example.org')!;
    expect((await h.call('PUT', `${base}/members/${owner.userId}`, { token: pi, body: { roles: [...owner.roles, 'output_checker'] } })).status).toBe(200);
    await stage('results/patients.csv', PATIENTS);
    await stage('results/summary.csv', SUMMARY);
    await stage('notes/method.txt', NOTES);
    const list = await h.call('GET', `${base}/staged-outputs`, { token: researcher });
    for (const i of list.body.items) staged.set(i.path, { id: i.id, sha256: i.sha256 });
  }, 120_000);
  afterAll(async () => {
    await killHard(worker);
    await h.close();
  });

  it('lists staged outputs as metadata only, with the SHA-256 of the staged bytes', async () => {
    expect(staged.get('results/summary.csv')?.sha256).toBe(sha(SUMMARY));
    expect([...staged.keys()].sort()).toEqual(['notes/method.txt', 'results/patients.csv', 'results/summary.csv']);
  });

  it('refuses requests without an output, with files not staged by the caller, and from non-researchers', async () => {
    const noOutput = await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 't', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: staged.get('notes/method.txt')!.id, role: 'supporting' }] }] } });
    expect(noOutput.status).toBe(400);
    expect(noOutput.body.code).toBe('EXPORT_NEEDS_OUTPUT');
    const bogus = await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 't', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: '00000000-0000-4000-8000-000000000000', role: 'output' }] }] } });
    expect(bogus.status).toBe(400);
    expect(bogus.body.message).toMatch(/^groups\[0\]\.files\[0\]\.stagedOutputId/);
    const byChecker = await h.call('POST', `${base}/export-requests`, { token: checker1, body: { title: 't', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: staged.get('results/summary.csv')!.id, role: 'output' }] }] } });
    expect(byChecker.status).toBe(403);
  });

  it('runs the whole flow: checks find both problems, blinded votes, a split resolved by a third checker, a verified release', async () => {
    const created = await h.call('POST', `${base}/export-requests`, {
      token: researcher,
      body: {
        title: 'Visit counts by region', purpose: 'Paper table 1',
        groups: [
          { name: 'Tables', context: 'Counts of visits per region', controls: 'rounded to 5', files: [
            { stagedOutputId: staged.get('results/summary.csv')!.id, role: 'output' },
            { stagedOutputId: staged.get('results/patients.csv')!.id, role: 'output' },
          ] },
          { name: 'Method', context: 'How the counts were made', files: [{ stagedOutputId: staged.get('notes/method.txt')!.id, role: 'supporting' }] },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(created.body.status).toBe('draft');

    // One staged file cannot sit in two open requests.
    const twice = await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 'again', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: staged.get('results/summary.csv')!.id, role: 'output' }] }] } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('EXPORT_FILE_IN_OPEN_REQUEST');

    expect((await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} })).status).toBe(200);
    const checked = await until(() => detail(id, researcher), (d) => d.status === 'in_review', 'checks to finish');
    const files = checked.groups.flatMap((g: { files: unknown[] }) => g.files) as { path: string; checkOutcome: string; findings: { pii: { entity: string; row: number }[]; cells: { row: number; column: number }[] }; checks: { name: string; outcome: string }[] }[];
    const patients = files.find((f) => f.path === 'results/patients.csv')!;
    const summary = files.find((f) => f.path === 'results/summary.csv')!;
    expect(patients.findings.pii.some((f) => f.entity === 'UK_NHS' && f.row === 1)).toBe(true);
    expect(patients.checkOutcome).toBe('fail');
    expect(summary.findings.cells).toContainEqual({ row: 2, column: 2, check: 'threshold' });
    expect(summary.checks.find((c) => c.name === 'disclosure')?.outcome).toBe('fail');
    // Each frozen copy is sealed with its size and hash, so previews and the release re-verify what they read.
    const frozen = await h.db.selectFrom('export_files').innerJoin('sealed_objects', 'sealed_objects.name', 'export_files.frozen_blob')
      .select(['export_files.sha256 as fileSha', 'sealed_objects.sha256 as sealedSha']).where('export_files.request_id', '=', id).execute();
    expect(frozen).toHaveLength(files.length);
    for (const f of frozen) expect(f.sealedSha).toBe(f.fileSha);

    // The requester can never review their own request.
    const self = await h.call('POST', `${base}/export-requests/${id}/review`, { token: researcher, body: {} });
    expect(self.status).toBe(403);

    const summaryId = fileId(checked, 'results/summary.csv');
    const patientsId = fileId(checked, 'results/patients.csv');
    for (const t of [checker1, checker2]) expect((await h.call('POST', `${base}/export-requests/${id}/review`, { token: t, body: {} })).status).toBe(200);

    // Approving a file whose checks failed needs a reason.
    const bare = await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: checker1, body: { votes: [{ fileId: summaryId, decision: 'approve' }, { fileId: patientsId, decision: 'approve' }] } });
    expect(bare.status).toBe(200);
    const noReason = await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: checker1, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VOTE_COMMENT_REQUIRED');
    await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: checker1, body: { votes: [
      { fileId: summaryId, decision: 'approve', comment: 'South is a synthetic region with no people behind it' },
      { fileId: patientsId, decision: 'approve', comment: 'The NHS number is a published test number' },
    ] } });

    // Preview: the frozen bytes, for an assigned checker only, never for the requester.
    const preview = await fetch(`${h.url}${base}/export-requests/${id}/files/${summaryId}/preview`, { headers: { authorization: `Bearer ${checker1}` } });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toBe(SUMMARY);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${h.url}${base}/export-requests/${id}/files/${summaryId}/preview`, { headers: { authorization: `Bearer ${researcher}` } })).status).toBe(403);

    // Blinding: checker 2 sees nothing of checker 1's votes, before or after checker 1 submits.
    await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: checker2, body: { votes: [
      { fileId: summaryId, decision: 'approve', comment: 'Agreed after reading the method note' },
      { fileId: patientsId, decision: 'request_changes', comment: 'Drop the nhs_number column' },
    ] } });
    const [a, b] = await Promise.all([
      h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: checker1, body: { publicComment: 'Fine by me' } }),
      h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: checker2, body: { internalComment: 'Split on patients.csv' } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const afterTwo = await detail(id, checker2);
    expect(afterTwo.status).toBe('reviewed');
    expect(afterTwo.votes.map((v: { reviewer: string }) => v.reviewer)).toEqual(expect.arrayContaining(['Chen Checker']));
    const decisions = Object.fromEntries(afterTwo.groups.flatMap((g: { files: { path: string; decision: string }[] }) => g.files.map((f) => [f.path, f.decision])));
    expect(decisions).toMatchObject({ 'results/summary.csv': 'approved', 'results/patients.csv': 'conflicted' });
    // A second submit by the same checker counts once and says so.
    expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: checker1, body: {} })).status).toBe(409);

    // The researcher sees the checkers' public comments, not their internal notes.
    const mine = await detail(id, researcher);
    expect(mine.comments.map((c: { body: string }) => c.body)).toEqual(expect.arrayContaining(['Fine by me', 'Drop the nhs_number column']));
    expect(mine.comments.map((c: { body: string }) => c.body)).not.toContain('Split on patients.csv');

    // A third checker resolves the split.
    const blind = await detail(id, third);
    expect(blind.votes).toEqual([]);
    expect(blind.groups[0].files.every((f: { decision: string | null }) => f.decision === null)).toBe(true);
    expect((await h.call('POST', `${base}/export-requests/${id}/review`, { token: third, body: {} })).status).toBe(200);
    // A further checker owes a vote only on the files still undecided.
    const missing = await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: third, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/results\/patients\.csv/);
    expect((await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: third, body: { votes: [{ fileId: patientsId, decision: 'approve', comment: 'Test number, released before' }] } })).status).toBe(200);
    expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: third, body: {} })).status).toBe(200);

    const released = await until(() => detail(id, researcher), (d) => d.status === 'released', 'the release');
    for (const [path, body] of [['results/summary.csv', SUMMARY], ['results/patients.csv', PATIENTS]] as const) {
      const res = await fetch(`${h.url}${base}/export-requests/${id}/files/${fileId(released, path)}/download`, { headers: { authorization: `Bearer ${researcher}` } });
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(staged.get(path)!.sha256);
      expect(sha(body)).toBe(staged.get(path)!.sha256);
    }
    const supporting = await h.call('GET', `${base}/export-requests/${id}/files/${fileId(released, 'notes/method.txt')}/download`, { token: researcher });
    expect(supporting.status).toBe(404);
    expect((await h.call('GET', `${base}/export-requests/${id}/files/${summaryId}/download`, { token: checker1 })).status).toBe(403);

    // Revoked: no more downloads.
    expect((await h.call('POST', `${base}/export-requests/${id}/revoke`, { token: pi, body: { reason: 'Consent withdrawn' } })).status).toBe(200);
    const gone = await h.call('GET', `${base}/export-requests/${id}/files/${summaryId}/download`, { token: researcher });
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('EXPORT_REVOKED');

    // The worker removes the public copies after the revoke (release/unpublish-request) and audits that once.
    const env = h.stack.apiEnv();
    const exportsContainer = new BlobServiceClient(env['PUBLIC_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('public', env['PUBLIC_STORAGE_KEY']!)).getContainerClient('exports');
    const publicCopies = async () => {
      const names: string[] = [];
      for await (const b of exportsContainer.listBlobsFlat({ prefix: `${h.demoProjectId}/${id}/` })) names.push(b.name);
      return names;
    };
    await until(publicCopies, (names) => names.length === 0, 'the public copies to be removed');
    const history = (await until(() => detail(id, pi), (d) => d.history.some((e: { action: string }) => e.action === 'export.unpublished'), 'export.unpublished')).history
      .map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['export.submitted', 'export.checks_passed_to_review', 'export.review_submitted', 'export.previewed', 'export.released', 'export.downloaded', 'export.revoked', 'export.unpublished']));
    const admin = await h.token('admin@example.org');
    const verify = await h.call('POST', '/api/v1/audit-events/verify', { token: admin, body: {} });
    expect(verify.body.ok).toBe(true);
  }, 120_000);

  it('blocks a request whose output type the tier refuses, and lets the researcher withdraw it', async () => {
    await stage('bin/tool.exe', 'MZ not really');
    const list = await h.call('GET', `${base}/staged-outputs`, { token: researcher });
    const exe = list.body.items.find((i: { path: string }) => i.path === 'bin/tool.exe');
    const created = await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 'Tool', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: exe.id, role: 'output' }] }] } });
    const id = created.body.id;
    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    const blocked = await until(() => detail(id, researcher), (d) => d.status === 'blocked', 'the block');
    expect(blocked.statusReason).toMatch(/\.exe files may not leave a tier 3 project/);
    const withdrawn = await h.call('POST', `${base}/export-requests/${id}/withdraw`, { token: researcher, body: {} });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await h.call('POST', `${base}/export-requests/${id}/withdraw`, { token: researcher, body: {} })).status).toBe(409);
  }, 60_000);

  it('returns a request whose staged file changed after submission, and keeps votes on unchanged files across a resubmission', async () => {
    await stage('round/a.csv', 'region,count\nNorth,25\nEast,40\n');
    await stage('round/b.txt', 'first draft of the caption\n');
    const ids = Object.fromEntries(((await h.call('GET', `${base}/staged-outputs`, { token: researcher })).body.items as { id: string; path: string }[]).map((i) => [i.path, i.id]));
    const body = { title: 'Rounds', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: ids['round/a.csv'], role: 'output' }, { stagedOutputId: ids['round/b.txt'], role: 'output' }] }] };
    const id = (await h.call('POST', `${base}/export-requests`, { token: researcher, body })).body.id as string;
    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    let d = await until(() => detail(id, researcher), (x) => x.status === 'in_review', 'review');
    const a = fileId(d, 'round/a.csv');
    const b = fileId(d, 'round/b.txt');

    // Re-staging a file of a submitted request sends it back to the researcher.
    await stage('round/b.txt', 'second draft\n');
    d = await detail(id, researcher);
    expect(d.status).toBe('returned');
    expect(d.statusReason).toMatch(/round\/b\.txt" was changed after the request was submitted/);

    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    d = await until(() => detail(id, researcher), (x) => x.status === 'in_review', 'review of round 2');
    expect(d.round).toBe(2);
    for (const t of [checker1, checker2]) {
      await h.call('POST', `${base}/export-requests/${id}/review`, { token: t, body: {} });
      await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: t, body: { votes: [{ fileId: a, decision: 'approve' }, { fileId: fileId(d, 'round/b.txt'), decision: 'request_changes', comment: 'Say which year' }] } });
      expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: t, body: {} })).status).toBe(200);
    }
    d = await detail(id, researcher);
    expect(d.status).toBe('returned');
    expect(b).not.toBe(fileId(d, 'round/b.txt'));

    // Round 3: only b changed. a keeps its file id and its two approvals; checkers owe a vote on b alone.
    await stage('round/b.txt', 'third draft, 2024\n');
    expect((await h.call('PUT', `${base}/export-requests/${id}`, { token: researcher, body })).status).toBe(200);
    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    d = await until(() => detail(id, checker1), (x) => x.status === 'in_review', 'review of round 3');
    expect(fileId(d, 'round/a.csv')).toBe(a);
    const b3 = fileId(d, 'round/b.txt');
    for (const t of [checker1, checker2]) {
      await h.call('POST', `${base}/export-requests/${id}/review`, { token: t, body: {} });
      await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: t, body: { votes: [{ fileId: b3, decision: 'approve' }] } });
      expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: t, body: {} })).status).toBe(200);
    }
    await until(() => detail(id, researcher), (x) => x.status === 'released', 'release of round 3');
  }, 90_000);

  it('offers the retry of a failed release to project admins only, as the transition table allows, and the retry releases it', async () => {
    await stage('retry/table.csv', 'region,count\nNorth,25\nEast,40\n');
    const item = ((await h.call('GET', `${base}/staged-outputs`, { token: researcher })).body.items as { id: string; path: string }[]).find((i) => i.path === 'retry/table.csv')!;
    const id = (await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 'Retry', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: item.id, role: 'output' }] }] } })).body.id as string;
    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    const d = await until(() => detail(id, researcher), (x) => x.status === 'in_review', 'review');
    for (const t of [checker1, checker2]) {
      await h.call('POST', `${base}/export-requests/${id}/review`, { token: t, body: {} });
      await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: t, body: { votes: [{ fileId: fileId(d, 'retry/table.csv'), decision: 'approve' }] } });
      expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: t, body: {} })).status).toBe(200);
    }
    await until(() => detail(id, researcher), (x) => x.status === 'released', 'the release');
    // What a release that failed after every output was approved leaves behind.
    await h.db.updateTable('export_requests').set({ status: 'failed' }).where('id', '=', id).execute();
    expect((await detail(id, researcher)).can.retry).toBe(false);
    expect((await h.call('POST', `${base}/export-requests/${id}/retry`, { token: researcher, body: {} })).status).toBe(409);
    expect((await detail(id, pi)).can.retry).toBe(true);
    expect((await h.call('POST', `${base}/export-requests/${id}/retry`, { token: pi, body: {} })).status).toBe(200);
    await until(() => detail(id, researcher), (x) => x.status === 'released', 'the retried release');
  }, 90_000);

  it('re-enqueues the checks of a request whose submission committed but whose job was lost', async () => {
    await stage('lost/table.csv', 'region,count\nNorth,25\n');
    const item = ((await h.call('GET', `${base}/staged-outputs`, { token: researcher })).body.items as { id: string; path: string }[]).find((i) => i.path === 'lost/table.csv')!;
    const id = (await h.call('POST', `${base}/export-requests`, { token: researcher, body: { title: 'Lost', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: item.id, role: 'output' }] }] } })).body.id as string;
    // What a crash between the submit's commit and its enqueue leaves behind: submitted, long ago, with no job.
    await h.db.updateTable('export_requests').set({ status: 'submitted', round: 1, updated_at: new Date(Date.now() - 3_600_000) }).where('id', '=', id).execute();
    const redis = createRedisConnection(h.stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    try {
      await jobs.enqueue('maintenance', 'reconcile-jobs', {}, `reconcile:test:${id}`);
      await until(() => detail(id, researcher), (d) => d.status === 'in_review', 'the reconciled checks');
    } finally {
      await jobs.close();
      redis.disconnect();
    }
  }, 60_000);
});
