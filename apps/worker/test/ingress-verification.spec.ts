import { createHash, randomBytes } from 'node:crypto';
import {
  BlobCopyDataMover, BlobObjectStorage, DefenderTagMalwareScanner, DEFENDER_RESULT_TAG, SealedObjectStorage, SingleAccountSecureStorageDirectory,
} from '@cloister/adapters';
import { IMPORT_CONTAINER, importPrefix, STAGING_CONTAINER, type DataMoverPort, type TransferItem } from '@cloister/domain';
import { DatasetsRepository, SealRegistryRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../src/jobs/job-handler-registry';
import { IngressHandlers } from '../src/ingress/ingress.handlers';
import { startWorkerHarness, type WorkerHarness } from './worker-harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ctx = (attempt = 1): JobContext => ({ jobId: 'test', attempt, idempotencyKey: 'test', finalAttempt: false, updateProgress: async () => undefined });

/**
 * The real Azurite copy, then (once, for the named file) the secure copy overwritten with other bytes of the same
 * size: a transfer that corrupted data. Verification must catch it; nothing else in the flow is replaced.
 */
class CorruptingOnceMover implements DataMoverPort {
  private corrupted = false;
  constructor(private readonly inner: BlobCopyDataMover, private readonly secure: BlobObjectStorage, private readonly victim: string) {}
  async copy(items: readonly TransferItem[]): Promise<void> {
    await this.inner.copy(items);
    for (const item of items) {
      if (this.corrupted || !item.destinationBlob.endsWith(`/${this.victim}`)) continue;
      const info = await this.secure.stat(item.destinationContainer, item.destinationBlob);
      await this.secure.write(item.destinationContainer, item.destinationBlob, randomBytes(info!.size));
      this.corrupted = true;
    }
  }
}

/**
 * The ingress handler over the real local stack (PGlite, Azurite), with the azure-mode malware scanner (Defender's
 * verdict in blob index tags, which Azurite stores): with a stored verdict the upload is hashed while it is copied.
 */
describe('ingress verification and Defender tag verdicts', () => {
  let h: WorkerHarness;
  let pub: BlobObjectStorage;
  let secure: BlobObjectStorage;
  let datasets: DatasetsRepository;
  let ownerId: string;

  beforeAll(async () => {
    h = await startWorkerHarness('ingress-verification');
    const env = h.stack.workerEnv();
    pub = new BlobObjectStorage({ account: 'public', blobUrl: env['PUBLIC_STORAGE_BLOB_URL']!, accountName: 'public', accountKey: env['PUBLIC_STORAGE_KEY']! });
    secure = new BlobObjectStorage({ account: 'secure', blobUrl: env['SECURE_STORAGE_BLOB_URL']!, accountName: 'secure', accountKey: env['SECURE_STORAGE_KEY']! });
    await pub.ensureContainer(STAGING_CONTAINER);
    await secure.ensureContainer(IMPORT_CONTAINER);
    datasets = new DatasetsRepository(h.db);
    ownerId = (await h.db.selectFrom('users').select('id').where('email', '=', 'owner@example.org').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => h?.close());

  const handlers = (mover: DataMoverPort) => new IngressHandlers(
    h.db, pub, new SingleAccountSecureStorageDirectory(new SealedObjectStorage(secure, new SealRegistryRepository(h.db))), mover, new DefenderTagMalwareScanner(pub),
  );
  /** A submitted version whose files are staged in the public account, each with the given Defender verdict tag. */
  const submitted = async (name: string, files: { path: string; body: Buffer; verdict?: string }[]) => {
    const dataset = await datasets.create({ projectId: h.projectId, name, description: '', classification: 'confidential', ownerId }, h.db);
    const version = await datasets.createVersion(dataset.id, 1, ownerId, h.db);
    const staged = files.map((f) => ({ path: f.path, size: f.body.length, contentType: 'application/octet-stream', stagingBlob: `${h.projectId}/${dataset.id}/v1/${sha(Buffer.from(f.path)).slice(0, 40)}` }));
    await datasets.upsertFiles(version.id, staged, h.db);
    for (const [i, f] of files.entries()) {
      await pub.write(STAGING_CONTAINER, staged[i]!.stagingBlob, f.body);
      if (f.verdict) await pub.client.getContainerClient(STAGING_CONTAINER).getBlobClient(staged[i]!.stagingBlob).setTags({ [DEFENDER_RESULT_TAG]: f.verdict });
    }
    await datasets.setStatus(version.id, 'submitted', h.db);
    return { dataset, version, staged, prefix: importPrefix(h.projectId, dataset.id, 1) };
  };
  const status = async (versionId: string) => (await datasets.findVersionById(versionId))!;
  const secureNames = async (prefix: string) => {
    const names: string[] = [];
    for await (const b of secure.list(IMPORT_CONTAINER, prefix)) names.push(b.name);
    return names.sort();
  };
  const stagedCount = async (staged: { stagingBlob: string }[]) => (await Promise.all(staged.map((s) => pub.stat(STAGING_CONTAINER, s.stagingBlob)))).filter(Boolean).length;

  it('waits for a Defender verdict (the job retries), rejects a flagged file, and copies nothing of either', { timeout: 60_000 }, async () => {
    const pending = await submitted('Awaiting scan', [{ path: 'a.csv', body: Buffer.from('1,2\n') }]);
    const mover = new BlobCopyDataMover(pub, secure);
    await expect(handlers(mover).transfer({ versionId: pending.version.id }, ctx())).rejects.toThrow('a.csv: waiting for the malware scan verdict');
    expect((await status(pending.version.id)).status).toBe('transferring');
    expect(await secureNames(pending.prefix)).toEqual([]);

    const flagged = await submitted('Flagged', [{ path: 'ok.csv', body: Buffer.from('1\n'), verdict: 'No threats found' }, { path: 'bad.csv', body: Buffer.from('2\n'), verdict: 'Malicious' }]);
    expect(await handlers(mover).transfer({ versionId: flagged.version.id }, ctx())).toBe('rejected');
    expect(await status(flagged.version.id)).toMatchObject({ status: 'rejected', failureReason: 'bad.csv: the malware scan flagged this file' });
    expect(await secureNames(flagged.prefix)).not.toContain(`${flagged.prefix}files/bad.csv`);
  });

  it('rejects, before copying anything, a refused file type that reached the worker and a project over its quota', { timeout: 60_000 }, async () => {
    const mover = new BlobCopyDataMover(pub, secure);
    const typed = await submitted('Installer', [{ path: 'tools/setup.msi', body: Buffer.from('MZ'), verdict: 'No threats found' }]);
    expect(await handlers(mover).transfer({ versionId: typed.version.id }, ctx())).toBe('rejected');
    expect((await status(typed.version.id)).failureReason).toBe('tools/setup.msi: files of type .msi may not enter a secure environment');
    expect(await secureNames(typed.prefix)).toEqual([]);

    const quota = (await h.db.selectFrom('projects').select('storage_quota_bytes').where('id', '=', h.projectId).executeTakeFirstOrThrow()).storage_quota_bytes;
    const big = await submitted('Over quota', [{ path: 'big.bin', body: randomBytes(4096), verdict: 'No threats found' }]);
    // The quota was lowered after the upload was accepted (upload time checks it too; this is the worker's re-check).
    await h.db.updateTable('projects').set({ storage_quota_bytes: '1024' }).where('id', '=', h.projectId).execute();
    try {
      expect(await handlers(mover).transfer({ versionId: big.version.id }, ctx())).toBe('rejected');
    } finally {
      await h.db.updateTable('projects').set({ storage_quota_bytes: quota }).where('id', '=', h.projectId).execute();
    }
    expect((await status(big.version.id)).failureReason).toMatch(/^over quota: the project holds or has reserved \d+ bytes, more than its 1024-byte quota$/);
    expect(await secureNames(big.prefix)).toEqual([]);
    expect(await stagedCount(big.staged)).toBe(1);
  });

  it('fails a version whose secure copy does not match the upload, deletes nothing, and copies afresh on retry', { timeout: 60_000 }, async () => {
    const files = [{ path: 'x.bin', body: randomBytes(300_000), verdict: 'No threats found' }, { path: 'y.bin', body: randomBytes(200_000), verdict: 'No threats found' }];
    const v = await submitted('Corrupted in transit', files);
    const mover = new CorruptingOnceMover(new BlobCopyDataMover(pub, secure), secure, 'y.bin');

    expect(await handlers(mover).transfer({ versionId: v.version.id }, ctx())).toBe('failed');
    const failed = await status(v.version.id);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toContain('y.bin: the secure copy does not match the upload');
    expect(await stagedCount(v.staged)).toBe(2);
    expect(await secureNames(v.prefix)).not.toContain(`${v.prefix}manifest.json`);

    // Retried (the API moves it back to submitted): the bad copy is made again, verified, sealed; then originals go.
    await datasets.setStatus(v.version.id, 'submitted', h.db);
    expect(await handlers(mover).transfer({ versionId: v.version.id }, ctx())).toBe('available');
    for (const f of files) {
      const copy = await secure.openRead(IMPORT_CONTAINER, `${v.prefix}files/${f.path}`);
      const chunks: Buffer[] = [];
      for await (const c of copy as AsyncIterable<Buffer>) chunks.push(c);
      expect(sha(Buffer.concat(chunks))).toBe(sha(f.body));
    }
    expect((await datasets.files(v.version.id)).map((f) => [f.path, f.sha256])).toEqual(files.map((f) => [f.path, sha(f.body)]));
    expect(await stagedCount(v.staged)).toBe(0);
  });

  it('streams a file too large for Azurite\'s server-side copy through the worker, verified like any other', { timeout: 60_000 }, async () => {
    // The limit is lowered so a small file takes the streamed path (Azurite's own limit is ~512 MiB).
    const mover = new BlobCopyDataMover(pub, secure, 4, 100_000);
    const files = [{ path: 'large.bin', body: randomBytes(300_000), verdict: 'No threats found' }, { path: 'small.csv', body: Buffer.from('a,b\n'), verdict: 'No threats found' }];
    const v = await submitted('Large file', files);
    await pub.client.getContainerClient(STAGING_CONTAINER).getBlobClient(v.staged[0]!.stagingBlob).setHTTPHeaders({ blobContentType: 'application/x-parquet' });
    expect(await handlers(mover).transfer({ versionId: v.version.id }, ctx())).toBe('available');
    expect((await datasets.files(v.version.id)).map((f) => [f.path, f.sha256])).toEqual(files.map((f) => [f.path, sha(f.body)]));
    expect((await secure.stat(IMPORT_CONTAINER, `${v.prefix}files/large.bin`))?.contentType).toBe('application/x-parquet');
    expect(await stagedCount(v.staged)).toBe(0);
  });

  it('seals the version: writes and deletes under it are refused, and a sealed file changed behind the platform fails its read', { timeout: 60_000 }, async () => {
    const body = randomBytes(250_000);
    const v = await submitted('Sealed', [{ path: 'z.bin', body, verdict: 'No threats found' }]);
    expect(await handlers(new BlobCopyDataMover(pub, secure)).transfer({ versionId: v.version.id }, ctx())).toBe('available');
    const sealed = await new SingleAccountSecureStorageDirectory(new SealedObjectStorage(secure, new SealRegistryRepository(h.db))).forProject();
    const name = `${v.prefix}files/z.bin`;
    const read = async () => {
      const chunks: Buffer[] = [];
      for await (const c of (await sealed.openRead(IMPORT_CONTAINER, name)) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    };

    expect(sha(await read())).toBe(sha(body));
    await expect(sealed.write(IMPORT_CONTAINER, name, Buffer.from('x'))).rejects.toMatchObject({ code: 'SEALED' });
    await expect(sealed.delete(IMPORT_CONTAINER, `${v.prefix}manifest.json`)).rejects.toMatchObject({ code: 'SEALED' });
    await expect(sealed.write(IMPORT_CONTAINER, `${v.prefix}files/new.bin`, Buffer.from('x'))).rejects.toMatchObject({ code: 'SEALED' });
    const manifest = JSON.parse((await (async () => {
      const chunks: Buffer[] = [];
      for await (const c of (await sealed.openRead(IMPORT_CONTAINER, `${v.prefix}manifest.json`)) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    })()).toString()) as { files: unknown[] };
    expect(manifest.files).toEqual([{ path: 'z.bin', size: body.length, sha256: sha(body), contentType: 'application/octet-stream' }]);

    // Someone with the account key (not the platform) replaces the bytes: the next read through the platform fails.
    await secure.write(IMPORT_CONTAINER, name, randomBytes(body.length));
    await expect(read()).rejects.toMatchObject({ code: 'SEALED_CONTENT_CHANGED' });
  });
});
