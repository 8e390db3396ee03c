import { createHash, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { BlockBlobClient, BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { BullJobQueue, createRedisConnection, EICAR_SIGNATURE } from '@cloister/adapters';
import { killHard, spawnWorker, until } from '@cloister/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');


describe('dataset ingress', () => {
  let h: ApiHarness;
  let owner: string;
  let worker: ChildProcess;
  let base: string;

  const uploadAll = async (datasetId: string, version: number, files: { path: string; body: Buffer }[]) => {
    const res = await h.call('POST', `${base}/${datasetId}/versions/${version}/uploads`, { token: owner, body: { files: files.map((f) => ({ path: f.path, size: f.body.length, contentType: 'text/csv' })) } });
    expect(res.status).toBe(200);
    for (const u of res.body.files) {
      const file = files.find((f) => f.path === u.path)!;
      await new BlockBlobClient(u.uploadUrl).uploadData(file.body, { blockSize: 1024 * 1024, blobHTTPHeaders: { blobContentType: 'text/csv' } });
    }
    return res.body.files as { uploadUrl: string }[];
  };
  const secure = () => {
    const env = h.stack.workerEnv();
    return new BlobServiceClient(env['SECURE_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('secure', env['SECURE_STORAGE_KEY']!)).getContainerClient('import');
  };
  const publicUploads = () => {
    const env = h.stack.apiEnv();
    return new BlobServiceClient(env['PUBLIC_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('public', env['PUBLIC_STORAGE_KEY']!)).getContainerClient('uploads');
  };
  const listNames = async (c: ReturnType<typeof secure>, prefix: string) => {
    const names: string[] = [];
    for await (const b of c.listBlobsFlat({ prefix })) names.push(b.name);
    return names;
  };

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.token('owner@example.org');
    base = `/api/v1/projects/${h.demoProjectId}/datasets`;
    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
  });
  afterAll(async () => {
    await killHard(worker);
    await h.close();
  });

  it('refuses bad file names, naming the file and the reason', async () => {
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Names', classification: 'confidential' } });
    for (const [path, reason] of [['../escape.csv', 'contains a . or .. path segment'], ['/abs.csv', 'absolute'], ['a\\b.csv', 'backslash'], ['x'.repeat(256), 'longer than 255 bytes'], ['bell\u0007.csv', 'control character']]) {
      const res = await h.call('POST', `${base}/${ds.body.id}/versions/1/uploads`, { token: owner, body: { files: [{ path: 'ok.csv', size: 1 }, { path, size: 1 }] } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_FILE_NAME');
      expect(res.body.message).toContain('files[1].path');
      expect(res.body.message).toContain(reason);
    }
    const dup = await h.call('POST', `${base}/${ds.body.id}/versions/1/uploads`, { token: owner, body: { files: [{ path: 'a.csv', size: 1 }, { path: 'a.csv', size: 2 }] } });
    expect(dup.body.message).toContain('appears more than once');
    const quota = await h.call('POST', `${base}/${ds.body.id}/versions/1/uploads`, { token: owner, body: { files: [{ path: 'big.bin', size: 100 * 1024 ** 3 }, { path: 'big2.bin', size: 100 * 1024 ** 3 }, ...Array.from({ length: 9 }, (_, i) => ({ path: `b${i}`, size: 100 * 1024 ** 3 }))] } });
    expect(quota).toMatchObject({ status: 413, body: { code: 'QUOTA_EXCEEDED' } });
  });

  it('rejects a version carrying malware, and refuses executables up front', { timeout: 120_000 }, async () => {
    const exe = await h.call('POST', base, { token: owner, body: { name: 'Tools', classification: 'internal' } });
    const refused = await h.call('POST', `${base}/${exe.body.id}/versions/1/uploads`, { token: owner, body: { files: [{ path: 'data.csv', size: 3 }, { path: 'bin/setup.EXE', size: 3 }] } });
    expect(refused).toMatchObject({ status: 400, body: { code: 'DISALLOWED_FILE_TYPE' } });
    expect(refused.body.message).toContain('files[1].path');

    const ds = await h.call('POST', base, { token: owner, body: { name: 'Infected', classification: 'internal' } });
    // The EICAR test string: harmless, and flagged by every scanner (locally by ours).
    const eicar = Buffer.concat([randomBytes(100_000), Buffer.from(EICAR_SIGNATURE, 'latin1'), randomBytes(100)]);
    await uploadAll(ds.body.id, 1, [{ path: 'clean.csv', body: Buffer.from('a,b\n') }, { path: 'notes.txt', body: eicar }]);
    await h.call('POST', `${base}/${ds.body.id}/versions/1/submit`, { token: owner, body: {} });
    const done = await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => ['rejected', 'available', 'failed'].includes(r.body.versions[0].status), 'rejection');
    expect(done.body.versions[0]).toMatchObject({ status: 'rejected', failureReason: 'notes.txt: the malware scan flagged this file' });
    expect(await listNames(secure(), `${h.demoProjectId}/${ds.body.id}/`)).not.toContain(`${h.demoProjectId}/${ds.body.id}/v1/files/notes.txt`);
  });

  it('expires an upload nobody submitted: staged blobs deleted, version rejected', { timeout: 60_000 }, async () => {
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Abandoned', classification: 'internal' } });
    await uploadAll(ds.body.id, 1, [{ path: 'half.csv', body: Buffer.from('x,y\n') }]);
    await h.db.updateTable('dataset_versions').set({ upload_expires_at: new Date(Date.now() - 1000) }).where('dataset_id', '=', ds.body.id).execute();
    const redis = createRedisConnection(h.stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    try {
      await jobs.enqueue('maintenance', 'expire-uploads', {}, `expire-uploads:test:${ds.body.id}`);
      const done = await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => r.body.versions[0].status === 'rejected', 'expiry');
      expect(done.body.versions[0].failureReason).toBe('the upload expired before it was submitted');
      expect(await listNames(publicUploads(), `${h.demoProjectId}/${ds.body.id}/`)).toEqual([]);
    } finally {
      await jobs.close();
      redis.disconnect();
    }
  });

  it('gives write-only upload URLs and refuses to submit incomplete uploads', async () => {
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Partial', classification: 'internal' } });
    const res = await h.call('POST', `${base}/${ds.body.id}/versions/1/uploads`, { token: owner, body: { files: [{ path: 'x.csv', size: 10 }] } });
    const url = new URL(res.body.files[0].uploadUrl);
    expect(url.searchParams.get('sp')).toBe('cw');
    expect(new Date(url.searchParams.get('se')!).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    await expect(new BlockBlobClient(res.body.files[0].uploadUrl).download()).rejects.toMatchObject({ statusCode: 403 });
    const submit = await h.call('POST', `${base}/${ds.body.id}/versions/1/submit`, { token: owner, body: {} });
    expect(submit).toMatchObject({ status: 409, body: { code: 'UPLOAD_INCOMPLETE' } });
    expect(submit.body.message).toContain('x.csv (not uploaded)');
  });

  it('moves a dataset into the sealed import path, verifies it and deletes the originals', { timeout: 120_000 }, async () => {
    const files = [{ path: 'cohort/patients.csv', body: Buffer.from('id,age\n1,40\n') }, { path: 'notes é.txt', body: randomBytes(3 * 1024 * 1024) }];
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Cohort', classification: 'restricted' } });
    await uploadAll(ds.body.id, 1, files);
    const submitted = await h.call('POST', `${base}/${ds.body.id}/versions/1/submit`, { token: owner, body: {} });
    expect(submitted.body.versions[0].status).toBe('submitted');
    const done = await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => ['available', 'failed'].includes(r.body.versions[0].status), 'ingress');
    expect(done.body.versions[0]).toMatchObject({ status: 'available', fileCount: 2, failureReason: null });
    expect(Object.values(done.body.versions[0].timeline).every((t) => t === null || typeof t === 'string')).toBe(true);
    expect(done.body.versions[0].timeline.sealed).not.toBeNull();

    const manifest = await h.call('GET', `${base}/${ds.body.id}/versions/1/manifest`, { token: owner });
    expect(manifest.body.files).toEqual(files.map((f) => ({ path: f.path, size: f.body.length, sha256: sha(f.body), contentType: 'text/csv' })).sort((a, b) => a.path.localeCompare(b.path)));
    const prefix = `${h.demoProjectId}/${ds.body.id}/v1/`;
    expect((await listNames(secure(), prefix)).sort()).toEqual([`${prefix}files/cohort/patients.csv`, `${prefix}files/notes é.txt`, `${prefix}manifest.json`]);
    expect(await listNames(publicUploads(), prefix)).toEqual([]);

    // Researchers see the available manifest; other owners and checkers do not see the dataset at all.
    expect((await h.call('GET', `${base}/${ds.body.id}/versions/1/manifest`, { token: await h.token('researcher@example.org') })).status).toBe(200);
    expect((await h.call('GET', `${base}/${ds.body.id}`, { token: await h.token('checker1@example.org') })).status).toBe(403);
    const events = await h.call('GET', `/api/v1/audit-events?projectId=${h.demoProjectId}&action=dataset.manifest_viewed`, { token: await h.token('pi@example.org') });
    expect(events.body.items.length).toBe(2);
    // Submitting recorded the expected manifest (names and sizes) before anything moved.
    const submittedEvents = await h.call('GET', `/api/v1/audit-events?projectId=${h.demoProjectId}&action=dataset.submitted`, { token: await h.token('pi@example.org') });
    const recorded = submittedEvents.body.items.find((e: { targetId: string }) => e.targetId === ds.body.id);
    expect(recorded.details.manifest).toEqual(files.map((f) => ({ path: f.path, size: f.body.length })).sort((a, b) => a.path.localeCompare(b.path)));
  });

  it('finishes correctly after the worker is killed mid-transfer', { timeout: 180_000 }, async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `part-${String(i).padStart(2, '0')}.bin`, body: randomBytes(512 * 1024) }));
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Crash test', classification: 'confidential' } });
    await uploadAll(ds.body.id, 1, files);
    await h.call('POST', `${base}/${ds.body.id}/versions/1/submit`, { token: owner, body: {} });
    const copied = async () => Number((await h.db.selectFrom('dataset_files').innerJoin('dataset_versions', 'dataset_versions.id', 'dataset_files.version_id')
      .select((eb) => eb.fn.countAll<string>().as('n')).where('dataset_versions.dataset_id', '=', ds.body.id).where('copied_at', 'is not', null).executeTakeFirstOrThrow()).n);
    await until(copied, (n) => n >= 5, 'some files to be copied');
    await killHard(worker);
    const atKill = await copied();
    expect(atKill).toBeLessThan(files.length);
    const prefix = `${h.demoProjectId}/${ds.body.id}/v1/`;
    expect((await listNames(publicUploads(), prefix)).length).toBe(files.length);

    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
    const done = await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => ['available', 'failed'].includes(r.body.versions[0].status), 'ingress after restart', { timeoutMs: 90_000 });
    expect(done.body.versions[0].status).toBe('available');
    const names = (await listNames(secure(), prefix)).sort();
    expect(names).toEqual([...files.map((f) => `${prefix}files/${f.path}`), `${prefix}manifest.json`].sort());
    for (const f of files) {
      const body = await secure().getBlobClient(`${prefix}files/${f.path}`).downloadToBuffer();
      expect(sha(body)).toBe(sha(f.body));
    }
    expect(await listNames(publicUploads(), prefix)).toEqual([]);
  });

  it('fails a version whose staged file changed, deletes nothing, and succeeds on retry', { timeout: 120_000 }, async () => {
    const good = Buffer.from('1,2,3\n');
    const ds = await h.call('POST', base, { token: owner, body: { name: 'Tampered', classification: 'confidential' } });
    const [staged] = await uploadAll(ds.body.id, 1, [{ path: 'a.csv', body: good }]);
    // The worker is down while the staged bytes change size after submission: it must refuse, not guess.
    await killHard(worker);
    expect((await h.call('POST', `${base}/${ds.body.id}/versions/1/submit`, { token: owner, body: {} })).status).toBe(200);
    await new BlockBlobClient(staged!.uploadUrl).uploadData(Buffer.from('1,2,3,4\n'));
    worker = await spawnWorker(h.stack, h.workerPort, { WORKER_LOCK_DURATION_MS: '2000' });
    const failed = await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => r.body.versions[0].status === 'failed', 'failure');
    expect(failed.body.versions[0].failureReason).toContain('a.csv: staged size 8 differs from the declared 6');
    const prefix = `${h.demoProjectId}/${ds.body.id}/v1/`;
    expect(await listNames(publicUploads(), prefix)).toHaveLength(1);

    await new BlockBlobClient(staged!.uploadUrl).uploadData(good);
    expect((await h.call('POST', `${base}/${ds.body.id}/versions/1/retry`, { token: owner, body: {} })).status).toBe(200);
    await until(() => h.call('GET', `${base}/${ds.body.id}`, { token: owner }), (r) => r.body.versions[0].status === 'available', 'ingress after retry');
    const again = await h.call('POST', `${base}/${ds.body.id}/versions`, { token: owner, body: {} });
    expect(again.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'available'], [2, 'draft']]);
  });
});
