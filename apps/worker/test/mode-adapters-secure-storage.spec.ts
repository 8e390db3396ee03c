// Which secure storage the worker wires up per mode: local mode's one Azurite account for every project, azure
// mode's per-project accounts from the provisioning outputs (no SECURE_STORAGE_* settings needed). Nothing here
// talks to Azure: resolving a project's storage only reads the database.
import { DataFactoryDataMover, PerProjectSecureStorageDirectory, SingleAccountSecureStorageDirectory } from '@cloister/adapters';
import { loadWorkerConfig } from '@cloister/config';
import { EnvironmentsRepository, seedDemoData } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModeAdapters } from '../src/mode-adapters';

const common = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', PUBLIC_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/public', PUBLIC_STORAGE_ACCOUNT: 'public',
  SECURE_GATEWAY_SECRET: 'x'.repeat(32),
};

describe('ModeAdapters: secure storage per project', () => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ({ projectId } = await seedDemoData(t.db));
  });
  afterAll(async () => {
    await t.close();
  });

  it('local mode: every project shares the one sealed Azurite account, which the Azurite copy writes into', async () => {
    const modes = new ModeAdapters(loadWorkerConfig({
      ...common, PUBLIC_STORAGE_KEY: 'a2V5', SECURE_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/secure', SECURE_STORAGE_ACCOUNT: 'secure', SECURE_STORAGE_KEY: 'a2V5',
    }));
    const shared = modes.sharedSecureStorage();
    expect(shared?.client.url).toBe('http://127.0.0.1:10000/secure');
    const directory = modes.secureStorageDirectory(t.db, shared);
    expect(directory).toBeInstanceOf(SingleAccountSecureStorageDirectory);
    const storage = await directory.forProject(projectId);
    expect(storage.account).toBe('secure');
    expect(await directory.forProject('00000000-0000-4000-8000-000000000000')).toBe(storage);
  });

  it('azure mode: no shared account; each project resolves to its provisioned account, or PROJECT_NOT_PROVISIONED', async () => {
    const modes = new ModeAdapters(loadWorkerConfig({
      ...common, CLOISTER_MODE: 'azure', AZURE_SUBSCRIPTION_ID: '00000000-0000-4000-8000-000000000001', AZURE_LOCATION: 'uksouth',
      AZURE_RESOURCE_GROUP: 'rg-cloister', AZURE_DATA_FACTORY_NAME: 'adf-cloister', AZURE_PLATFORM_PARAMETERS: '{}',
      VM_ADMIN_PASSWORD_SECRET: 'x'.repeat(32),
    }));
    expect(modes.sharedSecureStorage()).toBeNull();
    const directory = modes.secureStorageDirectory(t.db, null);
    expect(directory).toBeInstanceOf(PerProjectSecureStorageDirectory);
    await expect(directory.forProject(projectId)).rejects.toMatchObject({ code: 'PROJECT_NOT_PROVISIONED' });

    await new EnvironmentsRepository(t.db).save(projectId, 'azure-arm', { outputs: { secureStorageAccountName: 'stsecdemo' } });
    const storage = await directory.forProject(projectId);
    expect(storage.account).toBe('secure');
    // The data mover is Data Factory; it reads the sink account per item from the same outputs.
    expect(modes.dataMover(t.db, modes.publicStorage(), null)).toBeInstanceOf(DataFactoryDataMover);
  });
});
