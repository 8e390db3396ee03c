// Azure mode's per-project secure storage routing, through the real @azure/storage-blob SDK against a FAKE of Azure
// Storage (the in-process delegation-key service) and real repositories on PGlite for the environment outputs and
// the seal registry.
import { DomainError } from '@cloister/domain';
import { EnvironmentsRepository, ProjectsRepository, SealRegistryRepository, UsersRepository } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBlobDelegationService } from '../azure-fakes/fake-blob-delegation-service';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { PerProjectSecureStorageDirectory } from './per-project-secure-storage-directory';
import { SealedPrefixError } from './sealed-object-storage';

describe('PerProjectSecureStorageDirectory (fake storage service)', () => {
  let t: TestDatabase;
  let environments: EnvironmentsRepository;
  let seals: SealRegistryRepository;
  let createdBy: string;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    environments = new EnvironmentsRepository(t.db);
    seals = new SealRegistryRepository(t.db);
    createdBy = (await new UsersRepository(t.db).ensureByEmail('pi@example.org', 'PI')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const newProject = async (name: string) => (await new ProjectsRepository(t.db).create({ name, description: '', tier: 2, checkersRequired: 1, createdBy }, t.db)).id;
  const provisioned = async (name: string, account: string) => {
    const id = await newProject(name);
    await environments.save(id, 'azure-arm', { outputs: { secureStorageAccountName: account, keyVaultName: 'kv' } });
    return id;
  };
  const directoryWith = (fake: FakeBlobDelegationService, credential: FakeTokenCredential, endpoints: string[] = []) => new PerProjectSecureStorageDirectory({
    environments, seals, credential, httpClient: fake,
    blobEndpoint: (name) => {
      endpoints.push(name);
      return `https://${name}.blob.core.windows.net`;
    },
  });

  it('routes each project to the account its provisioning deployed, signing in with the worker credential', async () => {
    const [a, b] = [await provisioned('Routing A', 'stsecaaaa'), await provisioned('Routing B', 'stsecbbbb')];
    const credential = new FakeTokenCredential('storage-token');
    const fake = new FakeBlobDelegationService('storage-token');
    const directory = directoryWith(fake, credential);

    expect(await (await directory.forProject(a)).stat('import', `${a}/d/v1/manifest.json`)).toBeNull();
    expect(await (await directory.forProject(b)).stat('export', `${b}/u/out.csv`)).toBeNull();

    expect(fake.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      `HEAD https://stsecaaaa.blob.core.windows.net/import/${a}/d/v1/manifest.json`,
      `HEAD https://stsecbbbb.blob.core.windows.net/export/${b}/u/out.csv`,
    ]);
    expect(fake.requests.every((r) => r.authorization === 'Bearer storage-token')).toBe(true);
    expect(credential.requestedScopes).toContain('https://storage.azure.com/.default');
    expect((await directory.forProject(a)).account).toBe('secure');
  });

  it('builds https://<name>.blob.<storage suffix> by default', async () => {
    const id = await provisioned('Suffix', 'stsecsuffix');
    const fake = new FakeBlobDelegationService('storage-token');
    const directory = new PerProjectSecureStorageDirectory({ environments, seals, credential: new FakeTokenCredential('storage-token'), httpClient: fake, storageSuffix: 'core.usgovcloudapi.net' });
    await (await directory.forProject(id)).stat('import', 'x');
    expect(fake.requests[0]?.url).toBe('https://stsecsuffix.blob.core.usgovcloudapi.net/import/x');
  });

  it('looks each project up once, however often and concurrently it is asked', async () => {
    const id = await provisioned('Cached', 'stseccache');
    const endpoints: string[] = [];
    const directory = directoryWith(new FakeBlobDelegationService('storage-token'), new FakeTokenCredential('storage-token'), endpoints);

    const [first, ...rest] = await Promise.all([directory.forProject(id), directory.forProject(id), directory.forProject(id)]);
    // Outputs changing later do not move a project whose storage is already resolved.
    await environments.save(id, 'azure-arm', { outputs: { secureStorageAccountName: 'stsecother' } });
    rest.push(await directory.forProject(id));

    expect(endpoints).toEqual(['stseccache']);
    for (const s of rest) expect(s).toBe(first);
  });

  it('refuses a project without provisioning outputs with PROJECT_NOT_PROVISIONED, and resolves it once provisioned', async () => {
    const id = await newProject('Not yet');
    const endpoints: string[] = [];
    const directory = directoryWith(new FakeBlobDelegationService('storage-token'), new FakeTokenCredential('storage-token'), endpoints);

    const refusal = await directory.forProject(id).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'conflict', code: 'PROJECT_NOT_PROVISIONED' });
    expect((refusal as Error).message).toContain(id);

    await environments.save(id, 'azure-arm', { steps: [] });
    await expect(directory.forProject(id)).rejects.toMatchObject({ code: 'PROJECT_NOT_PROVISIONED' });
    await environments.save(id, 'azure-arm', { outputs: { keyVaultName: 'kv' } });
    await expect(directory.forProject(id)).rejects.toMatchObject({ code: 'PROJECT_NOT_PROVISIONED' });

    await environments.save(id, 'azure-arm', { outputs: { secureStorageAccountName: 'stseclater' } });
    await directory.forProject(id);
    expect(endpoints).toEqual(['stseclater']);
  });

  it('refuses an output that is not a storage account name instead of making it a host name', async () => {
    const id = await provisioned('Bad name', 'evil.example.com/x');
    const directory = directoryWith(new FakeBlobDelegationService('storage-token'), new FakeTokenCredential('storage-token'));
    await expect(directory.forProject(id)).rejects.toThrow(/is not a storage account name/);
  });

  it('passes every write through the seal check before it reaches the account', async () => {
    const id = await provisioned('Sealed', 'stsecsealed');
    const fake = new FakeBlobDelegationService('storage-token');
    const storage = await directoryWith(fake, new FakeTokenCredential('storage-token')).forProject(id);
    await seals.seal('secure', 'import', `${id}/d/v1/`, []);

    await expect(storage.write('import', `${id}/d/v1/manifest.json`, Buffer.from('{}'))).rejects.toBeInstanceOf(SealedPrefixError);
    await expect(storage.delete('import', `${id}/d/v1/files/a.csv`)).rejects.toBeInstanceOf(SealedPrefixError);
    expect(fake.requests).toEqual([]);
  });
});
