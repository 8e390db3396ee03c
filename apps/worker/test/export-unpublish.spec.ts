import { createHash, randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { jobIdFor } from '@cloister/adapters';
import { EXPORT_PUBLIC_CONTAINER, releasedBlobName, releasedPrefix } from '@cloister/domain';
import { until } from '@cloister/local-stack/testing';
import { type Db, ExportRequestsRepository, StagedOutputsRepository, UsersRepository } from '@cloister/persistence';
import type { Job } from 'bullmq';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LostJobsHandlers } from '../src/reconcile/lost-jobs.handlers';
import { startWorkerHarness, type WorkerHarness } from './worker-harness';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe('unpublishing a revoked release (release/unpublish-request)', () => {
  let h: WorkerHarness;
  let db: Db;
  let researcherId: string;
  let exportsContainer: ContainerClient;

  beforeAll(async () => {
    h = await startWorkerHarness('unpublish');
    db = h.db;
    researcherId = (await new UsersRepository(db).findByEmail('researcher@example.org'))!.id;
    const env = h.stack.workerEnv();
    exportsContainer = new BlobServiceClient(env['PUBLIC_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('public', env['PUBLIC_STORAGE_KEY']!))
      .getContainerClient(EXPORT_PUBLIC_CONTAINER);
    await exportsContainer.createIfNotExists();
  }, 60_000);
  afterAll(() => h?.close());

  /** What a release leaves behind, then revoked: file rows recording their public copies, and the copies themselves. */
  async function revokedRelease(title: string, paths: readonly string[]): Promise<string> {
    const staged = new StagedOutputsRepository(db);
    const files = [];
    for (const path of paths) {
      const s = await staged.upsert({
        projectId: h.projectId, userId: researcherId, path: `${title}/${path}`, blobName: `${h.projectId}/${researcherId}/${title}/${path}`, size: path.length,
        sha256: sha(path), contentType: 'text/plain', versionId: null, modifiedAt: new Date(),
      });
      files.push({ stagedOutputId: s.id, path, role: 'output' as const, sourceBlob: s.blobName, sourceVersionId: null, size: path.length, contentType: 'text/plain', sha256: sha(path) });
    }
    const repo = new ExportRequestsRepository(db);
    const request = await repo.create({ projectId: h.projectId, requesterId: researcherId, title, purpose: 'p', status: 'revoked', checkersRequired: 1 }, [{ name: 'g', context: 'c', controls: '', files }], db);
    for (const f of await repo.files(request.id)) {
      const blob = releasedBlobName(h.projectId, request.id, f.path);
      await exportsContainer.getBlockBlobClient(blob).upload(f.path, f.path.length);
      await repo.recordRelease(f.id, blob, f.sha256);
    }
    return request.id;
  }

  const publicCopies = async (requestId: string) => {
    const names: string[] = [];
    for await (const b of exportsContainer.listBlobsFlat({ prefix: releasedPrefix(h.projectId, requestId) })) names.push(b.name);
    return names;
  };
  const unpublishedEvents = async (requestId: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE target_id = ${requestId} AND action = 'export.unpublished'`.execute(db)).rows[0]!.n);
  const run = async (requestId: string, key: string): Promise<Job> => {
    await h.jobs.enqueue('release', 'unpublish-request', { requestId }, key);
    return until(() => h.jobs.queue('release').getJob(jobIdFor(key)), (j) => Boolean(j?.finishedOn), `unpublish job ${key}`) as Promise<Job>;
  };

  it('removes every public copy under the request, records each file and audits once; a second run is a no-op', async () => {
    const id = await revokedRelease('twice', ['a.csv', 'b/c.csv']);
    expect(await publicCopies(id)).toHaveLength(2);
    const first = await run(id, `unpublish:${id}`);
    expect(first.returnvalue).toBe('unpublished');
    expect(await publicCopies(id)).toEqual([]);
    expect(await new ExportRequestsRepository(db).publicCopiesLeft(id)).toEqual([]);
    expect(await unpublishedEvents(id)).toBe(1);

    const again = await run(id, `unpublish:${id}:again`);
    expect(again.returnvalue).toBe('already-done');
    expect(await unpublishedEvents(id)).toBe(1);
  }, 60_000);

  it('counts a copy already missing from storage as removed', async () => {
    const id = await revokedRelease('missing', ['gone.csv', 'kept.csv']);
    await exportsContainer.getBlobClient(releasedBlobName(h.projectId, id, 'gone.csv')).delete();
    expect((await run(id, `unpublish:${id}`)).returnvalue).toBe('unpublished');
    expect(await publicCopies(id)).toEqual([]);
    expect(await unpublishedEvents(id)).toBe(1);
  }, 60_000);

  it('retries an attempt that storage refused, and finishes once storage lets the delete through', async () => {
    const id = await revokedRelease('refused', ['locked.csv', 'other.csv']);
    // A real refusal from storage: a blob under an active lease cannot be deleted without the lease id (HTTP 412).
    const lease = exportsContainer.getBlobClient(releasedBlobName(h.projectId, id, 'locked.csv')).getBlobLeaseClient();
    await lease.acquireLease(-1);
    const key = `unpublish:${id}`;
    await h.jobs.enqueue('release', 'unpublish-request', { requestId: id }, key);
    const failedOnce = await until(() => h.jobs.queue('release').getJob(jobIdFor(key)), (j) => (j?.attemptsMade ?? 0) >= 1 && !j?.finishedOn, 'a refused first attempt');
    expect(failedOnce?.failedReason).toMatch(/lease/i);
    expect(await unpublishedEvents(id)).toBe(0);
    expect((await new ExportRequestsRepository(db).publicCopiesLeft(id)).length).toBeGreaterThan(0);

    await lease.releaseLease();
    const done = await until(() => h.jobs.queue('release').getJob(jobIdFor(key)), (j) => Boolean(j?.finishedOn), 'the retried unpublish');
    expect(done?.returnvalue).toBe('unpublished');
    expect(await publicCopies(id)).toEqual([]);
    expect(await unpublishedEvents(id)).toBe(1);
  }, 60_000);

  it('is owed by a revoked request with copies left, so the reconciler enqueues a lost job again', async () => {
    const lost = await revokedRelease('lost', ['x.csv']);
    const done = await revokedRelease('done', ['y.csv']);
    await run(done, `unpublish:${done}`);
    await db.updateTable('export_requests').set({ updated_at: anHourAgo() }).where('id', 'in', [lost, done]).execute();

    const swept = await h.worker.get(LostJobsHandlers).reconcile();
    expect(swept.reenqueued).toContain(`release/unpublish-request/${lost}`);
    expect(swept.reenqueued).not.toContain(`release/unpublish-request/${done}`);
    await until(() => publicCopies(lost), (names) => names.length === 0, 'the reconciled unpublish');
    await until(() => unpublishedEvents(lost), (n) => n === 1, 'its audit event');
  }, 60_000);

  it('leaves a request that is not revoked alone', async () => {
    const id = await revokedRelease('released', ['z.csv']);
    await db.updateTable('export_requests').set({ status: 'released' }).where('id', '=', id).execute();
    expect((await run(id, `unpublish:${id}:${randomUUID()}`)).returnvalue).toBe('not-applicable');
    expect(await publicCopies(id)).toHaveLength(1);
  }, 60_000);
});
