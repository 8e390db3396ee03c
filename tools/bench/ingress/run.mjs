#!/usr/bin/env node
// Ingress benchmark (local mode): ingests a generated dataset through the real API and worker and prints MB/s and
// the worker's peak RSS, next to a baseline measured in the same run on the same Azurite: a plain SDK server-side
// copy from the public to the secure account plus a SHA-256 of each copy. Prints figures; asserts nothing.
//   node tools/bench/ingress/run.mjs [--files 100] [--mib 10]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { buildAll } from '../../dev/build.mjs';
import { startPlatform } from '../../dev/platform.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const { BlobServiceClient, BlockBlobClient, StorageSharedKeyCredential, BlobSASPermissions, generateBlobSASQueryParameters } = require('@azure/storage-blob');
const { values } = parseArgs({ options: { files: { type: 'string', default: '100' }, mib: { type: 'string', default: '10' } } });
const FILES = Number(values.files);
const SIZE = Number(values.mib) * 1024 * 1024;
const TOTAL_MB = (FILES * SIZE) / 1e6;
const PARALLEL = 4;

/** Deterministic-size random content, streamed so no file is ever held whole. */
const fileStream = () => {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= SIZE) return this.push(null);
      const n = Math.min(4 * 1024 * 1024, SIZE - sent);
      sent += n;
      this.push(randomBytes(n));
    },
  });
};
const pool = async (items, fn) => {
  const queue = [...items];
  await Promise.all(Array.from({ length: PARALLEL }, async () => { for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x); }));
};
const sha256Of = async (stream) => {
  const h = createHash('sha256');
  for await (const c of stream) h.update(c);
  return h.digest('hex');
};
const peakRssMb = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
/** CPU seconds (user + system) a process has used so far: shows which process a run was waiting for. */
const cpuSeconds = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const pidListening = (port) => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).find((d) => {
  try { return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(`--blobPort\0${port}\0`); } catch { return false; }
});

buildAll(root, { quiet: true });
const { freePort } = require(join(root, 'libs/local-stack/dist/index.js'));
const dataDir = mkdtempSync(join(tmpdir(), 'cloister-bench-ingress-'));
const platform = await startPlatform({ root, dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort: await freePort(), logFile: join(dataDir, 'platform.log') });
try {
  const apiEnv = platform.stack.apiEnv();
  const workerEnv = platform.stack.workerEnv();
  const pubCred = new StorageSharedKeyCredential('public', apiEnv.PUBLIC_STORAGE_KEY);
  const pub = new BlobServiceClient(apiEnv.PUBLIC_STORAGE_BLOB_URL, pubCred);
  const sec = new BlobServiceClient(workerEnv.SECURE_STORAGE_BLOB_URL, new StorageSharedKeyCredential('secure', workerEnv.SECURE_STORAGE_KEY));

  // Baseline: the same bytes, the same Azurite, the SDK's server-side copy and one hash of each copy.
  const src = pub.getContainerClient('bench-baseline');
  const dst = sec.getContainerClient('bench-baseline');
  await src.createIfNotExists();
  await dst.createIfNotExists();
  const idx = Array.from({ length: FILES }, (_, i) => i);
  await pool(idx, (i) => src.getBlockBlobClient(`f${i}`).uploadStream(fileStream(), 8 * 1024 * 1024, 2));
  const pids = { azurite: pidListening(new URL(apiEnv.PUBLIC_STORAGE_BLOB_URL).port), worker: platform.children.worker.pid, api: platform.children.api.pid, 'bench+db': process.pid };
  const cpuNow = () => Object.fromEntries(Object.entries(pids).filter(([, pid]) => pid).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const cpuSince = (before) => Object.entries(cpuNow()).map(([name, s]) => `${name} ${(s - before[name]).toFixed(1)}`).join(', ');
  let cpu0 = cpuNow();
  let t0 = performance.now();
  await pool(idx, async (i) => {
    const sas = generateBlobSASQueryParameters({ containerName: 'bench-baseline', blobName: `f${i}`, permissions: BlobSASPermissions.parse('r'), expiresOn: new Date(Date.now() + 3600_000) }, pubCred).toString();
    const poller = await dst.getBlockBlobClient(`f${i}`).beginCopyFromURL(`${src.getBlockBlobClient(`f${i}`).url}?${sas}`, { intervalInMs: 200 });
    await poller.pollUntilDone();
    await sha256Of((await dst.getBlobClient(`f${i}`).download()).readableStreamBody);
  });
  const baselineSeconds = (performance.now() - t0) / 1000;
  const baselineCpu = cpuSince(cpu0);

  // Cloister: through the API (dev token) and the worker process.
  const api = async (method, path, token, body) => {
    const res = await fetch(`${platform.portalUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, ...(body && { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const token = (await api('POST', '/api/v1/dev/token', null, { email: 'owner@example.org' })).access_token;
  const projectId = (await api('GET', '/api/v1/me', token)).projects[0].id;
  const ds = await api('POST', `/api/v1/projects/${projectId}/datasets`, token, { name: `Bench ${Date.now()}`, classification: 'confidential' });
  const base = `/api/v1/projects/${projectId}/datasets/${ds.id}/versions/1`;
  const { files } = await api('POST', `${base}/uploads`, token, { files: idx.map((i) => ({ path: `part-${i}.bin`, size: SIZE })) });
  await pool(files, (f) => new BlockBlobClient(f.uploadUrl).uploadStream(fileStream(), 8 * 1024 * 1024, 2));
  cpu0 = cpuNow();
  await api('POST', `${base}/submit`, token, {});
  // Polled about as often as the portal polls (every 2–3 s there), so the observer does not slow what it measures;
  // the duration comes from the version's own timeline (submitted → available), recorded by the API and the worker.
  let version = { status: 'submitted' };
  while (!['available', 'failed', 'rejected'].includes(version.status)) {
    await new Promise((r) => setTimeout(r, 1000));
    version = (await api('GET', `/api/v1/projects/${projectId}/datasets/${ds.id}`, token)).versions[0];
  }
  const at = (step) => Date.parse(version.timeline[step]);
  const ingressSeconds = ((at('available') || at('failed') || at('rejected')) - at('submitted')) / 1000;
  const ingressCpu = cpuSince(cpu0);
  const rss = peakRssMb(platform.children.worker.pid);

  const baselineMBs = TOTAL_MB / baselineSeconds;
  const ingressMBs = TOTAL_MB / ingressSeconds;
  console.log(`\nIngress benchmark: ${FILES} files × ${SIZE / 1048576} MiB = ${(FILES * SIZE / 1073741824).toFixed(2)} GiB, local mode, ${PARALLEL} in parallel`);
  console.log(`  baseline (SDK server-side copy + SHA-256)  ${baselineSeconds.toFixed(1).padStart(7)} s  ${baselineMBs.toFixed(1).padStart(7)} MB/s`);
  console.log(`  Cloister ingress (${version.status})${' '.repeat(Math.max(0, 14 - version.status.length))}        ${ingressSeconds.toFixed(1).padStart(7)} s  ${ingressMBs.toFixed(1).padStart(7)} MB/s`);
  console.log(`  ratio ${(ingressMBs / baselineMBs).toFixed(2)} (target ≥ 0.80)   worker peak RSS ${rss.toFixed(0)} MB (target ≤ 256 MB)`);
  console.log(`  ingress steps: transferring (hash+scan, copy, verify each file) ${((at('verificationStarted') - at('transferStarted')) / 1000).toFixed(1)} s, verifying+seal+delete ${((at('available') - at('verificationStarted')) / 1000).toFixed(1)} s`);
  console.log(`  CPU seconds  baseline: ${baselineCpu}\n               ingress:  ${ingressCpu}`);
} finally {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
