import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectsRepository } from './projects.repository';
import { type StagedOutputInput, StagedOutputsRepository } from './staged-outputs.repository';
import { UsersRepository } from './users.repository';
import { WorkspaceCredentialsRepository, workspaceTokenHash } from './workspace-credentials.repository';

describe.each(testEngines())('staged outputs and workspace credentials on %s', (engine) => {
  let t: TestDatabase;
  let outputs: StagedOutputsRepository;
  let credentials: WorkspaceCredentialsRepository;
  let projectId: string;
  let otherProjectId: string;
  let rosa: string;
  let raj: string;
  const output = (over: Partial<StagedOutputInput> = {}): StagedOutputInput => ({
    projectId, userId: rosa, path: 'results/table.csv', blobName: `${projectId}/${rosa}/results/table.csv`, size: 42, sha256: 'a'.repeat(64),
    contentType: 'text/csv', versionId: null, modifiedAt: new Date('2026-01-01T00:00:00Z'), ...over,
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    outputs = new StagedOutputsRepository(t.db);
    credentials = new WorkspaceCredentialsRepository(t.db);
    const users = new UsersRepository(t.db);
    rosa = (await users.ensureByEmail('rosa@example.org', 'Rosa')).id;
    raj = (await users.ensureByEmail('raj@example.org', 'Raj')).id;
    const projects = new ProjectsRepository(t.db);
    projectId = (await projects.create({ name: 'Staging', description: '', tier: 2, checkersRequired: 1, createdBy: rosa }, t.db)).id;
    otherProjectId = (await projects.create({ name: 'Elsewhere', description: '', tier: 2, checkersRequired: 1, createdBy: rosa }, t.db)).id;
  });
  afterAll(() => t.close());

  it('upserts by (project, user, path): staging again keeps the id and takes the new bytes\' metadata', async () => {
    const first = await outputs.upsert(output());
    const again = await outputs.upsert(output({ size: 7, sha256: 'b'.repeat(64), versionId: '2026-01-02T00:00:00.0000000Z', modifiedAt: new Date('2026-01-02T00:00:00Z') }));
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ size: 7, sha256: 'b'.repeat(64), versionId: '2026-01-02T00:00:00.0000000Z', modifiedAt: new Date('2026-01-02T00:00:00Z') });
    expect(await outputs.findById(first.id)).toEqual(again);
    expect(await outputs.find(projectId, rosa, 'results/table.csv')).toEqual(again);
    expect(await outputs.find(projectId, raj, 'results/table.csv')).toBeNull();
  });

  it('lists a project\'s outputs, or one user\'s, by user then path; sizes beyond 2^31 survive', async () => {
    await outputs.upsert(output({ path: 'a.png', blobName: `${projectId}/${rosa}/a.png`, size: 5 * 1024 ** 3 }));
    await outputs.upsert(output({ userId: raj, path: 'b.csv', blobName: `${projectId}/${raj}/b.csv` }));
    await outputs.upsert(output({ projectId: otherProjectId, path: 'c.csv', blobName: `${otherProjectId}/${rosa}/c.csv` }));
    expect((await outputs.list(projectId, rosa)).map((o) => [o.path, o.size])).toEqual([['a.png', 5 * 1024 ** 3], ['results/table.csv', 7]]);
    expect((await outputs.list(projectId)).map((o) => o.path).sort()).toEqual(['a.png', 'b.csv', 'results/table.csv']);
  });

  it('refuses absolute or empty paths and removes once', async () => {
    await expect(outputs.upsert(output({ path: '/etc/passwd' }))).rejects.toThrow();
    await expect(outputs.upsert(output({ path: '' }))).rejects.toThrow();
    const b = await outputs.find(projectId, raj, 'b.csv');
    expect(await outputs.remove(b!.id)).toBe(true);
    expect(await outputs.remove(b!.id)).toBe(false);
    expect(await outputs.findById(b!.id)).toBeNull();
  });

  it('keeps only token hashes, matches a token only for its own project, and revokes the others', async () => {
    const first = await credentials.create(projectId, 'cwa_first-token-0123456789');
    const second = await credentials.create(projectId, 'cwa_second-token-0123456789');
    const row = await t.db.selectFrom('workspace_credentials').select('token_hash').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.token_hash.trim()).toBe(workspaceTokenHash('cwa_first-token-0123456789'));
    expect(await credentials.findValid(projectId, 'cwa_first-token-0123456789')).toMatchObject({ id: first.id, revokedAt: null });
    expect(await credentials.findValid(otherProjectId, 'cwa_first-token-0123456789')).toBeNull();
    expect(await credentials.findValid(projectId, 'cwa_unknown')).toBeNull();

    expect(await credentials.revokeOthers(projectId, second.id)).toEqual([first.id]);
    expect(await credentials.findValid(projectId, 'cwa_first-token-0123456789')).toBeNull();
    expect((await credentials.listValid(projectId)).map((c) => c.id)).toEqual([second.id]);
    await expect(credentials.create(otherProjectId, 'cwa_second-token-0123456789')).rejects.toThrow();
  });

  it('locks staged rows by id inside a transaction, in id order, skipping unknown ids', async () => {
    const a = await outputs.upsert(output({ path: 'lock/a.csv', blobName: `${projectId}/${rosa}/lock/a.csv` }));
    const b = await outputs.upsert(output({ path: 'lock/b.csv', blobName: `${projectId}/${rosa}/lock/b.csv` }));
    const locked = await t.db.transaction().execute((trx) => outputs.lockByIds([b.id, a.id, b.id, '00000000-0000-4000-8000-000000000000'], trx));
    expect(locked.map((o) => o.id)).toEqual([a.id, b.id].sort());
    expect(locked.find((o) => o.id === a.id)).toEqual(a);
    expect(await t.db.transaction().execute((trx) => outputs.lockByIds([], trx))).toEqual([]);
  });
});
