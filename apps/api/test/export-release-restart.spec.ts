import { createHash, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { killHard, spawnWorker, until } from '@cloister/local-stack/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FILES = 30;
const FILE_BYTES = 4 * 1024 * 1024;


describe('release after a worker is killed mid-release', () => {
  let h: ApiHarness;
  let worker: ChildProcess;
  const bodies = new Map<string, Buffer>();

  beforeAll(async () => {
    h = await startApiHarness();
    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
  }, 60_000);
  afterAll(async () => {
    await killHard(worker);
    await h.close();
  });

  it('finishes after a restart with every approved file released once, byte for byte', async () => {
    const base = `/api/v1/projects/${h.demoProjectId}`;
    const [researcher, c1, c2] = await Promise.all(['researcher', 'checker1', 'checker2'].map((u) => h.token(`${u}@example.org`)));
    const credFile = join(h.stack.workerEnv()['CLOISTER_DATA_DIR']!, 'workspaces', h.demoProjectId, 'agent-credential.json');
    await until(async () => existsSync(credFile), Boolean, 'the workspace credential');
    const cred = JSON.parse(readFileSync(credFile, 'utf8')) as { gatewayUrl: string; credential: string };
    for (let i = 0; i < FILES; i++) {
      const path = `bulk/part-${String(i).padStart(2, '0')}.txt`;
      // Random hex: no identifiers for the scanner to find, and incompressible.
      const body = Buffer.from(randomBytes(FILE_BYTES / 2).toString('hex'));
      bodies.set(path, body);
      const res = await fetch(`${cred.gatewayUrl}/agent/v1/projects/${h.demoProjectId}/outputs?path=${encodeURIComponent(path)}&user=researcher%40example.org`, {
        method: 'PUT', headers: { authorization: `Bearer ${cred.credential}`, 'content-type': 'application/octet-stream' }, body,
      });
      expect(res.status).toBe(201);
    }
    const staged = (await h.call('GET', `${base}/staged-outputs`, { token: researcher })).body.items as { id: string; path: string }[];
    const created = await h.call('POST', `${base}/export-requests`, {
      token: researcher, body: { title: 'Bulk', purpose: 'restart test', groups: [{ name: 'all', context: 'c', files: staged.filter((s) => bodies.has(s.path)).map((s) => ({ stagedOutputId: s.id, role: 'output' })) }] },
    });
    const id = created.body.id as string;
    await h.call('POST', `${base}/export-requests/${id}/submit`, { token: researcher, body: {} });
    const review = await until(async () => (await h.call('GET', `${base}/export-requests/${id}`, { token: researcher })).body, (d) => d.status === 'in_review', 'checks');
    const fileIds = review.groups[0].files.map((f: { id: string }) => f.id) as string[];
    for (const t of [c1, c2]) {
      await h.call('POST', `${base}/export-requests/${id}/review`, { token: t, body: {} });
      await h.call('PUT', `${base}/export-requests/${id}/review/votes`, { token: t, body: { votes: fileIds.map((fileId) => ({ fileId, decision: 'approve', comment: 'random test data' })) } });
    }
    await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: c1, body: {} });
    expect((await h.call('POST', `${base}/export-requests/${id}/review/submit`, { token: c2, body: {} })).status).toBe(200);

    // Kill the worker once some, but not all, files are out.
    const releasedCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM export_files WHERE request_id = ${id} AND released_sha256 IS NOT NULL`.execute(h.db)).rows[0]!.n);
    const atKill = await until(releasedCount, (n) => n >= 1, 'the first released file', { timeoutMs: 90_000, everyMs: 10 });
    await killHard(worker);
    expect(atKill).toBeLessThan(FILES);
    expect((await h.call('GET', `${base}/export-requests/${id}`, { token: researcher })).body.status).toBe('releasing');

    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
    const done = await until(async () => (await h.call('GET', `${base}/export-requests/${id}`, { token: researcher })).body, (d) => d.status === 'released', 'the resumed release');

    const env = h.stack.apiEnv();
    const exportsContainer = new BlobServiceClient(env['PUBLIC_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('public', env['PUBLIC_STORAGE_KEY']!)).getContainerClient('exports');
    const names: string[] = [];
    for await (const b of exportsContainer.listBlobsFlat({ prefix: `${h.demoProjectId}/${id}/` })) names.push(b.name);
    expect(names.sort()).toEqual([...bodies.keys()].map((p) => `${h.demoProjectId}/${id}/${p}`).sort());
    for (const f of done.groups[0].files as { path: string }[]) {
      const blob = await exportsContainer.getBlobClient(`${h.demoProjectId}/${id}/${f.path}`).downloadToBuffer();
      expect(sha(blob)).toBe(sha(bodies.get(f.path)!));
    }
    const releasedEvents = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE target_id = ${id} AND action = 'export.released'`.execute(h.db);
    expect(Number(releasedEvents.rows[0]!.n)).toBe(1);
  }, 240_000);
});
