// Decommissioning through the real handler and database, with the environment provisioner replaced at the Azure
// boundary by a fake whose resource-group delete fails (as ARM's does when a lock or a stuck resource blocks it).
import type { EnvironmentPlan, EnvironmentProvisionerPort, ProvisioningResult } from '@cloister/domain';
import { LocalFileWorkspaceCredentialVault } from '@cloister/adapters';
import { loadWorkerConfig } from '@cloister/config';
import { EnvironmentsRepository, ProjectsRepository, seedDemoData } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceCredentialIssuer } from '../src/gateway/workspace-credential-issuer';
import type { JobContext } from '../src/jobs/job-handler-registry';
import { ProvisioningHandlers } from '../src/provisioning/provisioning.handlers';

/** FAKE of the azure provisioner: deletes succeed or fail as the test says; nothing else is used here. */
class FakeArmDeleteProvisioner implements EnvironmentProvisionerPort {
  readonly driver = 'azure-arm' as const;
  failDeletes = true;
  deletes = 0;
  preview(): Promise<EnvironmentPlan> { throw new Error('not used by decommissioning'); }
  deploy(): Promise<ProvisioningResult> { throw new Error('not used by decommissioning'); }
  async destroy(): Promise<void> {
    this.deletes += 1;
    if (this.failDeletes) throw new Error('ScopeLocked: the resource group has a delete lock');
  }
}

const attempt = (finalAttempt: boolean): JobContext => ({
  jobId: 'decommission-test', attempt: finalAttempt ? 8 : 1, idempotencyKey: 'decommission-test', finalAttempt, updateProgress: async () => {},
});

describe('decommission-project handler', () => {
  let t: TestDatabase;
  let handlers: ProvisioningHandlers;
  let projects: ProjectsRepository;
  const arm = new FakeArmDeleteProvisioner();
  let projectId: string;
  const actions = async () => (await t.db.selectFrom('audit_events').select('action').where('project_id', '=', projectId).orderBy('seq').execute()).map((e) => e.action);

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ({ projectId } = await seedDemoData(t.db));
    const config = loadWorkerConfig({
      DATABASE_URL: t.url, PUBLIC_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/public', PUBLIC_STORAGE_ACCOUNT: 'public', PUBLIC_STORAGE_KEY: 'a2V5',
      SECURE_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/secure', SECURE_STORAGE_ACCOUNT: 'secure', SECURE_STORAGE_KEY: 'a2V5', SECURE_GATEWAY_SECRET: 'x'.repeat(32),
    });
    handlers = new ProvisioningHandlers(t.db, arm, new WorkspaceCredentialIssuer(t.db, config, new LocalFileWorkspaceCredentialVault(config.CLOISTER_DATA_DIR)), config);
    projects = new ProjectsRepository(t.db);
    await projects.update(projectId, { status: 'decommissioning' }, t.db);
  });
  afterAll(() => t.close());

  it('keeps the project decommissioning while retries remain, and marks it failed on the last attempt', async () => {
    await expect(handlers.decommission({ projectId }, attempt(false))).rejects.toThrow(/ScopeLocked/);
    expect((await projects.findById(projectId))?.status).toBe('decommissioning');
    expect((await new EnvironmentsRepository(t.db).get(projectId))?.lastError).toMatch(/ScopeLocked/);

    expect(await handlers.decommission({ projectId }, attempt(true))).toBe('applied');
    expect((await projects.findById(projectId))?.status).toBe('failed');
    expect((await actions()).at(-1)).toBe('project.decommissioning_failed');
  });

  it('does nothing for a project that is not decommissioning (a stale job after the failure)', async () => {
    const before = arm.deletes;
    expect(await handlers.decommission({ projectId }, attempt(true))).toBe('not-applicable');
    expect(arm.deletes).toBe(before);
  });

  it('archives the project once the delete goes through', async () => {
    arm.failDeletes = false;
    await projects.update(projectId, { status: 'decommissioning' }, t.db);
    expect(await handlers.decommission({ projectId }, attempt(false))).toBe('applied');
    expect((await projects.findById(projectId))?.status).toBe('archived');
    expect(await handlers.decommission({ projectId }, attempt(false))).toBe('already-done');
  });
});
