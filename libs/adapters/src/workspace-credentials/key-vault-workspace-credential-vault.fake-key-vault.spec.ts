// Azure mode's workspace-credential delivery through the real @azure/keyvault-secrets SDK against a FAKE of Key Vault
// (challenge authentication, RBAC refusals), with the vault found in real environment outputs on PGlite.
import { DomainError } from '@cloister/domain';
import { EnvironmentsRepository, ProjectsRepository, UsersRepository } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKeyVault } from '../azure-fakes/fake-key-vault';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { KeyVaultWorkspaceCredentialVault, WORKSPACE_AGENT_CREDENTIAL_SECRET } from './key-vault-workspace-credential-vault';

describe('KeyVaultWorkspaceCredentialVault (fake Key Vault)', () => {
  let t: TestDatabase;
  let environments: EnvironmentsRepository;
  let createdBy: string;
  const fake = new FakeKeyVault({ 'officer-token': 'secrets-officer', 'vm-token': 'secrets-user', 'no-role-token': 'none' });

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    environments = new EnvironmentsRepository(t.db);
    createdBy = (await new UsersRepository(t.db).ensureByEmail('pi@example.org', 'PI')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const project = async (name: string, outputs: Record<string, unknown> | null) => {
    const id = (await new ProjectsRepository(t.db).create({ name, description: '', tier: 2, checkersRequired: 1, createdBy }, t.db)).id;
    if (outputs) await environments.save(id, 'azure-arm', { outputs });
    return id;
  };
  const vaultAs = (token: string, credential = new FakeTokenCredential(token)) => new KeyVaultWorkspaceCredentialVault({ environments, credential, httpClient: fake });
  const content = (projectId: string, credential: string) => ({ gatewayUrl: 'https://ca-worker.internal.example.azurecontainerapps.io', projectId, credential });

  it('delivers the credential as a JSON secret in the project\'s own vault and reads it back, signed in as the control plane', async () => {
    const [a, b] = [await project('Vault A', { keyVaultUri: 'https://kv-a.vault.azure.net/' }), await project('Vault B', { keyVaultUri: 'https://kv-b.vault.azure.net/' })];
    const credential = new FakeTokenCredential('officer-token');
    const vault = vaultAs('officer-token', credential);

    await (await vault.forProject(a)).deliver(content(a, 'cwa_a'));
    await (await vault.forProject(b)).deliver(content(b, 'cwa_b'));

    expect(await (await vault.forProject(a)).read()).toEqual(content(a, 'cwa_a'));
    expect(await (await vault.forProject(b)).read()).toEqual(content(b, 'cwa_b'));
    expect(JSON.parse(fake.secretValue('https://kv-a.vault.azure.net', WORKSPACE_AGENT_CREDENTIAL_SECRET)!)).toEqual(content(a, 'cwa_a'));
    // Key Vault's challenge: the SDK asked for a token for the vault resource the 401 named, then sent it.
    expect(credential.requestedScopes).toContain('https://vault.azure.net/.default');
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => `${r.vault}${r.path}`)).toContain(`https://kv-a.vault.azure.net/secrets/${WORKSPACE_AGENT_CREDENTIAL_SECRET}`);
    expect(fake.requests.filter((r) => r.authorization).every((r) => r.authorization === 'Bearer officer-token')).toBe(true);
  });

  it('replaces the credential on a second delivery: the new version is the one read', async () => {
    const id = await project('Replace', { keyVaultUri: 'https://kv-replace.vault.azure.net' });
    const vault = vaultAs('officer-token');
    await (await vault.forProject(id)).deliver(content(id, 'cwa_first'));
    await (await vault.forProject(id)).deliver(content(id, 'cwa_second'));
    expect(await (await vault.forProject(id)).read()).toEqual(content(id, 'cwa_second'));
    expect(fake.versionCount('https://kv-replace.vault.azure.net', WORKSPACE_AGENT_CREDENTIAL_SECRET)).toBe(2);
  });

  it('reads null when nothing was delivered yet', async () => {
    const id = await project('Empty', { keyVaultUri: 'https://kv-empty.vault.azure.net/' });
    expect(await (await vaultAs('officer-token').forProject(id)).read()).toBeNull();
  });

  it('surfaces a 403 from the vault as an error naming the vault and the role the control plane lacks', async () => {
    const id = await project('Forbidden', { keyVaultUri: 'https://kv-forbidden.vault.azure.net/' });
    const read = await (await vaultAs('no-role-token').forProject(id)).read().catch((e: unknown) => e);
    expect(read).toBeInstanceOf(Error);
    expect((read as Error).message).toMatch(/^could not read the secret workspace-agent-credential in Key Vault https:\/\/kv-forbidden\.vault\.azure\.net \(403 Forbidden; the control plane's identity needs Key Vault Secrets Officer on the project vault\): /);
    // A VM identity (Secrets User) reads but never writes.
    await expect((await vaultAs('vm-token').forProject(id)).deliver(content(id, 'cwa_x'))).rejects.toThrow(/could not write the secret workspace-agent-credential in Key Vault https:\/\/kv-forbidden\.vault\.azure\.net \(403 Forbidden/);
    expect(fake.versionCount('https://kv-forbidden.vault.azure.net', WORKSPACE_AGENT_CREDENTIAL_SECRET)).toBe(0);
  });

  it('refuses a project without a provisioned vault with PROJECT_NOT_PROVISIONED, and a URI that is not a vault origin', async () => {
    const unprovisioned = await project('No vault', { secureStorageAccountName: 'stsec' });
    const refusal = await vaultAs('officer-token').forProject(unprovisioned).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'conflict', code: 'PROJECT_NOT_PROVISIONED' });
    for (const keyVaultUri of ['http://kv-plain.vault.azure.net/', 'https://evil.example.com/secrets/x', 'https://user:pw@kv.vault.azure.net/', 'not a url']) {
      const id = await project(`Bad ${keyVaultUri}`, { keyVaultUri });
      await expect(vaultAs('officer-token').forProject(id)).rejects.toThrow(/is not a Key Vault URI/);
    }
  });
});
