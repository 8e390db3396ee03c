import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient, type ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { agentCredentialPath, BullJobQueue, createLogger, createRedisConnection, mintSecureGrant, SecureGatewayClient } from '@cloister/adapters';
import type { DeliveredWorkspaceCredential } from '@cloister/domain';
import { loadWorkerConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { createDatabase, type Db, ProjectsRepository, seedDemoData, UsersRepository } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkerApp, createWorkerApp } from '../src/create-worker';
import { WorkspaceCredentialIssuer } from '../src/gateway/workspace-credential-issuer';
import { until } from '@cloister/local-stack/testing';

const root = resolve(__dirname, '../../..');
const agentBin = join(root, 'libs/workspace-agent/bin/cloister-agent.js');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Run { code: number | null; stdout: string; stderr: string }

/** The built `cloister-agent` as a real process (npm test builds first, as for the spawned worker). */
function agent(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [agentBin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}


async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('secure gateway: workspace agent and grant reads', () => {
  let dataDir: string;
  let work: string;
  let stack: LocalStack;
  let worker: NestExpressApplication;
  let db: Db;
  let url: string;
  let projectId: string;
  let researcherId: string;
  let exportContainer: ContainerClient;
  let secret: string;
  let env: Record<string, string>;

  const auditOf = (action: string) => db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
  const credentialFile = (id: string) => JSON.parse(readFileSync(agentCredentialPath(dataDir, id), 'utf8')) as DeliveredWorkspaceCredential;
  const localFile = (name: string, body: Buffer) => {
    const file = join(work, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, body);
    return file;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-gateway-'));
    work = mkdtempSync(join(tmpdir(), 'cloister-workspace-'));
    const workerPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort });
    const workerEnv = stack.workerEnv({ LOG_LEVEL: 'silent', SIMULATION_SPEED: '5000' });
    secret = workerEnv['SECURE_GATEWAY_SECRET']!;
    worker = await createWorkerApp(loadWorkerConfig(workerEnv), createLogger('silent', 'gateway-test'));
    await worker.listen(workerPort, '127.0.0.1');
    url = `http://127.0.0.1:${workerPort}`;
    db = createDatabase(stack.databaseUrl, 2);
    projectId = (await seedDemoData(db)).projectId;
    researcherId = (await new UsersRepository(db).findByEmail('researcher@example.org'))!.id;
    exportContainer = new BlobServiceClient(workerEnv['SECURE_STORAGE_BLOB_URL']!, new StorageSharedKeyCredential('secure', workerEnv['SECURE_STORAGE_KEY']!)).getContainerClient('export');
    env = { CLOISTER_DATA_DIR: dataDir, CLOISTER_AGENT_USER: 'researcher@example.org' };
  });
  afterAll(async () => {
    // Guarded: a failed beforeAll must still stop whatever it started.
    await db?.destroy();
    if (worker) await closeWorkerApp(worker);
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('issued the active project a credential at boot: a 0600 file for the workspace, only its hash in the database', async () => {
    const file = agentCredentialPath(dataDir, projectId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const cred = credentialFile(projectId);
    expect(cred).toEqual({ gatewayUrl: url, projectId, credential: expect.stringMatching(/^cwa_[\w-]{43}$/) });
    const rows = await db.selectFrom('workspace_credentials').selectAll().where('project_id', '=', projectId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.trim()).toBe(sha(Buffer.from(cred.credential)));
    expect(JSON.stringify(rows)).not.toContain(cred.credential);
    expect((await auditOf('workspace.credential.issued')).map((e) => [e.project_id, e.details])).toEqual([[projectId, { delivery: 'local-file', revoked: [] }]]);

    // Idempotent: a second run (another boot) keeps the delivered credential.
    expect(await worker.get(WorkspaceCredentialIssuer).ensureForProject(projectId)).toBe('kept');
    expect(credentialFile(projectId).credential).toBe(cred.credential);
    expect(await auditOf('workspace.credential.issued')).toHaveLength(1);
  });

  it('stages files with the CLI: streamed into the secure export container, hashed, recorded and audited as the researcher', async () => {
    const table = Buffer.from('region,count\nnorth,12\nsouth,3\n');
    const big = randomBytes(9 * 1024 * 1024 + 17); // several storage blocks, and far over any JSON body limit
    const files = [localFile('out/table.csv', table), localFile('out/model.json', big)];
    const run = await agent(['put', '--project', projectId, '--dir', 'results', ...files], env, work);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      `staged results/table.csv ${table.length} bytes sha256=${sha(table)}`,
      `staged results/model.json ${big.length} bytes sha256=${sha(big)}`,
    ]);

    const blob = exportContainer.getBlobClient(`${projectId}/${researcherId}/results/model.json`);
    expect(sha(await blob.downloadToBuffer())).toBe(sha(big));
    expect((await exportContainer.getBlobClient(`${projectId}/${researcherId}/results/table.csv`).getProperties()).contentType).toBe('text/csv');
    const rows = await db.selectFrom('staged_outputs').selectAll().where('project_id', '=', projectId).orderBy('path').execute();
    expect(rows.map((r) => [r.path, Number(r.size), r.sha256.trim(), r.blob_name, r.user_id])).toEqual([
      ['results/model.json', big.length, sha(big), `${projectId}/${researcherId}/results/model.json`, researcherId],
      ['results/table.csv', table.length, sha(table), `${projectId}/${researcherId}/results/table.csv`, researcherId],
    ]);
    const events = await auditOf('export.output.staged');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actor_id: researcherId, actor_email: 'researcher@example.org', project_id: projectId, target_type: 'staged_output' });
    expect(events[0]!.details).toMatchObject({ path: 'results/table.csv', size: table.length, sha256: sha(table), via: 'workspace-agent' });

    // Staging the same path again replaces the bytes and keeps the output's identity.
    const changed = Buffer.from('region,count\nnorth,13\n');
    writeFileSync(files[0]!, changed);
    const again = await agent(['put', '--project', projectId, '--dir', 'results', files[0]!], env, work);
    expect(again.code).toBe(0);
    const row = await db.selectFrom('staged_outputs').selectAll().where('path', '=', 'results/table.csv').executeTakeFirstOrThrow();
    expect(row.id).toBe(rows[1]!.id);
    expect(row.sha256.trim()).toBe(sha(changed));

    const list = await agent(['list', '--project', projectId], env, work);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`results/table.csv ${changed.length} bytes sha256=${sha(changed)} modified=`);
    expect(list.stdout).toContain(`results/model.json ${big.length} bytes`);
  });

  it('records nothing for an upload the workspace abandons half-way', async () => {
    const before = await db.selectFrom('staged_outputs').selectAll().where('path', '=', 'results/table.csv').executeTakeFirstOrThrow();
    const staged = (await auditOf('export.output.staged')).length;
    const credential = credentialFile(projectId).credential;
    const target = `/agent/v1/projects/${projectId}/outputs?path=results%2Ftable.csv&user=researcher%40example.org`;
    await new Promise<void>((done, fail) => {
      const socket = connect(Number(new URL(url).port), '127.0.0.1', () => {
        socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${credential}\r\nContent-Length: 1000000\r\n\r\n`);
        socket.write(randomBytes(64 * 1024), () => {
          socket.destroy();
          done();
        });
      });
      socket.on('error', fail);
    });
    // Writes to one path are serialised, so this upload starts only after the abandoned one has been dealt with.
    const body = Buffer.from('region,count\nwest,40\n');
    const res = await fetch(`${url}${target}`, { method: 'PUT', headers: { authorization: `Bearer ${credential}` }, body });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: before.id, size: body.length, sha256: sha(body) });
    expect(await auditOf('export.output.staged')).toHaveLength(staged + 1);
    expect(sha(await exportContainer.getBlobClient(before.blob_name).downloadToBuffer())).toBe(sha(body));
  });

  it('refuses a wrong credential, another project\'s credential and a user\'s API token', async () => {
    const bogus = join(work, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ gatewayUrl: url, projectId, credential: `cwa_${randomBytes(32).toString('base64url')}` }));
    const file = localFile('r.csv', Buffer.from('a\n1\n'));
    const run = await agent(['put', '--project', projectId, file], { ...env, CLOISTER_AGENT_CREDENTIAL: bogus }, work);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*r\.csv: gateway refused \(401 WORKSPACE_CREDENTIAL_INVALID\)/);

    const admin = await new UsersRepository(db).findByEmail('admin@example.org');
    const projects = new ProjectsRepository(db);
    const other = await projects.create({ name: 'Other study', description: '', tier: 1, checkersRequired: 1, createdBy: admin!.id }, db);
    await projects.update(other.id, { status: 'active' }, db);
    expect(await worker.get(WorkspaceCredentialIssuer).ensureForProject(other.id)).toBe('issued');
    const otherCredential = credentialFile(other.id).credential;
    for (const authorization of [`Bearer ${otherCredential}`, 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', '']) {
      const res = await fetch(`${url}/agent/v1/projects/${projectId}/outputs?user=researcher@example.org`, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'WORKSPACE_CREDENTIAL_INVALID' });
    }
  });

  it('stages only for the project\'s researchers', async () => {
    const file = localFile('c.csv', Buffer.from('a\n1\n'));
    for (const user of ['checker1@example.org', 'outsider@example.org', 'nobody@example.org']) {
      const run = await agent(['put', '--project', projectId, '--user', user, file], env, work);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('gateway refused (403 NOT_A_PROJECT_RESEARCHER)');
    }
  });

  it('refuses bad names with the ingress file-name policy, naming the field', async () => {
    const backslash = localFile('bad\\name.csv', Buffer.from('x\n'));
    const run = await agent(['put', '--project', projectId, backslash], env, work);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('gateway refused (400 INVALID_FILE_NAME): query.path: "bad\\name.csv" contains a backslash');

    const traversal = await agent(['put', '--project', projectId, '--dir', '../elsewhere', join(work, 'c.csv')], env, work);
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('(400 INVALID_FILE_NAME): query.path: "../elsewhere/c.csv" contains a . or .. path segment');

    const res = await fetch(`${url}/agent/v1/projects/not-a-uuid/outputs?user=researcher@example.org`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('params.projectId') });
    expect(await db.selectFrom('staged_outputs').select('path').where('path', 'like', '%name.csv').execute()).toEqual([]);
  });

  it('reports usage errors with exit status 2 and a missing file with 1', async () => {
    const usage = await agent(['put', '--project', projectId], env, work);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('error: put needs at least one FILE');
    const missing = await agent(['put', '--project', projectId, join(work, 'nope.csv')], env, work);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.csv: no such file/);
  });

  it('removes a staged output: blob, row and an audit event', async () => {
    const run = await agent(['rm', '--project', projectId, 'results/model.json'], env, work);
    expect(run).toMatchObject({ code: 0, stdout: 'removed results/model.json\n' });
    expect(await exportContainer.getBlobClient(`${projectId}/${researcherId}/results/model.json`).exists()).toBe(false);
    expect(await db.selectFrom('staged_outputs').select('path').where('project_id', '=', projectId).execute()).toEqual([{ path: 'results/table.csv' }]);
    expect((await auditOf('export.output.removed')).map((e) => e.details)).toEqual([expect.objectContaining({ path: 'results/model.json', via: 'workspace-agent' })]);
    const again = await agent(['rm', '--project', projectId, 'results/model.json'], env, work);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('404 STAGED_OUTPUT_NOT_FOUND');
  });

  it('streams one granted blob to the API side, at most maxBytes, and refuses bad grants', async () => {
    const blob = `${projectId}/${researcherId}/results/table.csv`;
    const expected = await exportContainer.getBlobClient(blob).downloadToBuffer();
    const client = new SecureGatewayClient({ baseUrl: url, secret });
    const whole = await client.openRead({ blob, userId: researcherId, purpose: 'preview', maxBytes: 1024 });
    expect(whole).toMatchObject({ contentType: 'text/csv', size: expected.length, blobSize: expected.length, truncated: false });
    expect(await readAll(whole.stream)).toEqual(expected);

    const head = await client.openRead({ blob, userId: researcherId, purpose: 'preview', maxBytes: 5 });
    expect(head).toMatchObject({ size: 5, blobSize: expected.length, truncated: true });
    expect(await readAll(head.stream)).toEqual(expected.subarray(0, 5));

    await expect(client.openRead({ blob: `${projectId}/${researcherId}/missing.csv`, userId: researcherId, purpose: 'preview', maxBytes: 10 }))
      .rejects.toMatchObject({ kind: 'not_found', code: 'SECURE_BLOB_NOT_FOUND' });
    await expect(new SecureGatewayClient({ baseUrl: url, secret: `${secret}-wrong` }).openRead({ blob, userId: researcherId, purpose: 'preview', maxBytes: 10 }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'SECURE_GRANT_INVALID' });

    const expired = mintSecureGrant(secret, { blob, userId: researcherId, purpose: 'preview', maxBytes: 10, ttlMs: 1000 }, Date.now() - 5000);
    const res = await fetch(`${url}/internal/v1/secure-blobs?grant=${encodeURIComponent(expired)}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'SECURE_GRANT_INVALID', details: { problem: 'expired' } });
    expect((await fetch(`${url}/internal/v1/secure-blobs`)).status).toBe(400);
  });

  it('issues a credential when a project finishes provisioning', async () => {
    const admin = await new UsersRepository(db).findByEmail('admin@example.org');
    const projects = new ProjectsRepository(db);
    const p = await projects.create({ name: 'Fresh study', description: '', tier: 1, checkersRequired: 1, createdBy: admin!.id }, db);
    await projects.update(p.id, { status: 'provisioning' }, db);
    const redis = createRedisConnection(stack.redisUrl);
    const jobs = new BullJobQueue(redis);
    try {
      await jobs.enqueue('provisioning', 'provision-project', { projectId: p.id }, `provision:${p.id}:1`);
      await until(async () => (await projects.findById(p.id))?.status, (s) => s === 'active', 'project to become active');
      const issued = await until(() => auditOf('workspace.credential.issued'), (events) => events.some((e) => e.project_id === p.id), 'credential issued');
      expect(issued.filter((e) => e.project_id === p.id)).toHaveLength(1);
      expect(credentialFile(p.id)).toMatchObject({ projectId: p.id, gatewayUrl: url });
    } finally {
      await jobs.close();
      redis.disconnect();
    }
  });

  it('audits the address the trusted proxy reports (X-Forwarded-For), and ignores the header from anyone else', async () => {
    const credential = credentialFile(projectId).credential;
    const put = async (path: string) => {
      const res = await fetch(`${url}/agent/v1/projects/${projectId}/outputs?path=${encodeURIComponent(path)}&user=researcher%40example.org`, {
        method: 'PUT', headers: { authorization: `Bearer ${credential}`, 'x-forwarded-for': '10.64.0.5' }, body: Buffer.from('a,b\n1,2\n'),
      });
      expect(res.status).toBe(201);
      return (await auditOf('export.output.staged')).find((e) => (e.details as { path?: string }).path === path)?.source_ip;
    };
    // TRUSTED_PROXIES defaults to loopback, where this test connects from: the proxy's word is taken.
    expect(await put('results/proxied.csv')).toBe('10.64.0.5');
    // A process whose proxies are elsewhere (Azure: the Container Apps subnet) records the connection's own address.
    worker.set('trust proxy', ['10.1.0.0/16']);
    try {
      expect(await put('results/direct.csv')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      worker.set('trust proxy', loadWorkerConfig(stack.workerEnv()).TRUSTED_PROXIES);
    }
  });
});
