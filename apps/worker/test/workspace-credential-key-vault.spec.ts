// Azure mode's workspace credential end to end: the worker's issuer delivers it into the project's Key Vault through
// the real @azure/keyvault-secrets SDK against a FAKE Key Vault, and the workspace agent on a project VM reads it back
// with the VM's managed identity (a tiny FAKE of the instance metadata service) from the same fake vault over HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyVaultWorkspaceCredentialVault, LocalFileWorkspaceCredentialVault, WORKSPACE_AGENT_CREDENTIAL_SECRET } from '@cloister/adapters';
import { FakeKeyVault, FakeTokenCredential } from '@cloister/adapters/testing';
import { loadWorkerConfig, type WorkerEnv } from '@cloister/config';
import { EnvironmentsRepository, seedDemoData } from '@cloister/persistence';
import { createTestDatabase, type TestDatabase } from '@cloister/persistence/testing';
import { KEY_VAULT_CREDENTIAL_SECRET, readCredentialFromKeyVault, runAgent } from '@cloister/workspace-agent';
import { Logger, type LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceAuthenticator } from '../src/gateway/workspace-authenticator';
import { WorkspaceCredentialIssuer } from '../src/gateway/workspace-credential-issuer';
import { ModeAdapters } from '../src/mode-adapters';

const VAULT = 'https://kv-demo-abc.vault.azure.net/';
const GATEWAY = 'https://ca-cloister-worker.internal.happy-sea-123.westeurope.azurecontainerapps.io';
const azureEnv = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', PUBLIC_STORAGE_BLOB_URL: 'https://stpub.blob.core.windows.net', PUBLIC_STORAGE_ACCOUNT: 'stpub',
  SECURE_GATEWAY_SECRET: 'x'.repeat(32), CLOISTER_MODE: 'azure', AZURE_SUBSCRIPTION_ID: '00000000-0000-4000-8000-000000000001', AZURE_LOCATION: 'uksouth',
  AZURE_RESOURCE_GROUP: 'rg-cloister', AZURE_DATA_FACTORY_NAME: 'adf-cloister', AZURE_PLATFORM_PARAMETERS: '{}', VM_ADMIN_PASSWORD_SECRET: 'x'.repeat(32),
  WORKSPACE_GATEWAY_URL: GATEWAY,
};

/** FAKE of Azure's instance metadata service: a managed-identity token for Key Vault, only with `Metadata: true`. */
function fakeImds(token: () => string) {
  const requests: { url: string; metadata: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', metadata: req.headers.metadata as string | undefined });
    const url = new URL(req.url ?? '/', 'http://imds');
    const ok = req.headers.metadata === 'true' && url.pathname === '/metadata/identity/oauth2/token' && url.searchParams.get('resource') === 'https://vault.azure.net';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { access_token: token(), token_type: 'Bearer', resource: 'https://vault.azure.net' } : { error: 'invalid_request', error_description: 'Required metadata header not specified' }));
  });
  return { requests, server };
}

/** Collects what the worker logs (Nest's own logger seam), so a failure's message can be checked. */
class CollectingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown): void { this.errors.push(String(message)); }
}

describe('workspace credential via the project Key Vault (azure mode, fake Key Vault and IMDS)', () => {
  let t: TestDatabase;
  let projectId: string;
  let config: WorkerEnv;
  let vaultOverHttp: string;
  let imdsUrl: string;
  let vmToken = 'vm-token';
  const fake = new FakeKeyVault({ 'officer-token': 'secrets-officer', 'vm-token': 'secrets-user', 'no-role-token': 'none' });
  const imds = fakeImds(() => vmToken);
  const issuerAs = (token: string) => new WorkspaceCredentialIssuer(t.db, config, new KeyVaultWorkspaceCredentialVault({
    environments: new EnvironmentsRepository(t.db), credential: new FakeTokenCredential(token), httpClient: fake,
  }));
  const issuedEvents = () => t.db.selectFrom('audit_events').selectAll().where('action', '=', 'workspace.credential.issued').where('project_id', '=', projectId).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ({ projectId } = await seedDemoData(t.db));
    await new EnvironmentsRepository(t.db).save(projectId, 'azure-arm', { outputs: { keyVaultUri: VAULT, secureStorageAccountName: 'stsecdemo' } });
    config = loadWorkerConfig({ ...azureEnv, DATABASE_URL: t.url });
    vaultOverHttp = await fake.listen(VAULT);
    await new Promise<void>((done) => imds.server.listen(0, '127.0.0.1', done));
    imdsUrl = `http://127.0.0.1:${(imds.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fake.close();
    await new Promise<void>((done) => imds.server.close(() => done()));
    await t?.close();
  });

  it('wires the Key Vault vault in azure mode and the local file in local mode', () => {
    expect(new ModeAdapters(config).workspaceCredentialVault(t.db)).toBeInstanceOf(KeyVaultWorkspaceCredentialVault);
    const local = loadWorkerConfig({
      DATABASE_URL: t.url, PUBLIC_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/public', PUBLIC_STORAGE_ACCOUNT: 'public', PUBLIC_STORAGE_KEY: 'a2V5',
      SECURE_STORAGE_BLOB_URL: 'http://127.0.0.1:10000/secure', SECURE_STORAGE_ACCOUNT: 'secure', SECURE_STORAGE_KEY: 'a2V5', SECURE_GATEWAY_SECRET: 'x'.repeat(32),
    });
    expect(new ModeAdapters(local).workspaceCredentialVault(t.db)).toBeInstanceOf(LocalFileWorkspaceCredentialVault);
  });

  it('issues nothing and says why when azure mode has no WORKSPACE_GATEWAY_URL', async () => {
    const issuer = new WorkspaceCredentialIssuer(t.db, loadWorkerConfig({ ...azureEnv, WORKSPACE_GATEWAY_URL: undefined, DATABASE_URL: t.url }), new LocalFileWorkspaceCredentialVault('/nonexistent'));
    expect(await issuer.ensureForProject(projectId)).toBe('not-applicable');
    expect(await issuedEvents()).toEqual([]);
  });

  it('fails cleanly when the vault refuses (403): logged, nothing audited, no credential row left', async () => {
    const logger = new CollectingLogger();
    Logger.overrideLogger(logger);
    try {
      expect(await issuerAs('no-role-token').ensureForProject(projectId)).toBe('failed');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(logger.errors).toEqual([expect.stringMatching(new RegExp(`^could not issue the workspace credential of project ${projectId}: could not read the secret workspace-agent-credential in Key Vault https://kv-demo-abc\\.vault\\.azure\\.net \\(403 Forbidden; the control plane's identity needs Key Vault Secrets Officer`))]);
    expect(await issuedEvents()).toEqual([]);
    expect(await t.db.selectFrom('workspace_credentials').selectAll().where('project_id', '=', projectId).execute()).toEqual([]);
  });

  it('issues into the project vault, audits delivery key-vault, and keeps a still-valid credential on a second run', async () => {
    expect(await issuerAs('officer-token').ensureForProject(projectId)).toBe('issued');
    const secret = JSON.parse(fake.secretValue(VAULT, WORKSPACE_AGENT_CREDENTIAL_SECRET)!) as { gatewayUrl: string; projectId: string; credential: string };
    expect(secret).toEqual({ gatewayUrl: GATEWAY, projectId, credential: expect.stringMatching(/^cwa_[\w-]{43}$/) });
    const events = await issuedEvents();
    expect(events.map((e) => e.details)).toEqual([{ delivery: 'key-vault', revoked: [] }]);
    const rows = await t.db.selectFrom('workspace_credentials').selectAll().where('project_id', '=', projectId).execute();
    expect(rows.map((r) => r.id)).toEqual([events[0]!.target_id]);
    expect(JSON.stringify(rows)).not.toContain(secret.credential);

    expect(await issuerAs('officer-token').ensureForProject(projectId)).toBe('kept');
    expect(fake.versionCount(VAULT, WORKSPACE_AGENT_CREDENTIAL_SECRET)).toBe(1);
    expect(await issuedEvents()).toHaveLength(1);
  });

  it('lets the agent on a project VM read that credential with the VM identity, and the gateway accepts it', async () => {
    expect(KEY_VAULT_CREDENTIAL_SECRET).toBe(WORKSPACE_AGENT_CREDENTIAL_SECRET);
    const delivered = JSON.parse(fake.secretValue(VAULT, WORKSPACE_AGENT_CREDENTIAL_SECRET)!) as { credential: string };
    const read = await readCredentialFromKeyVault(vaultOverHttp, projectId, { CLOISTER_AGENT_IMDS_URL: imdsUrl });
    expect(read).toEqual({ gatewayUrl: GATEWAY, projectId, credential: delivered.credential });
    expect(imds.requests.at(-1)).toEqual({ url: '/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net', metadata: 'true' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/secrets/${WORKSPACE_AGENT_CREDENTIAL_SECRET}`, apiVersion: '7.4', authorization: 'Bearer vm-token' });
    const caller = await new WorkspaceAuthenticator(t.db).caller(projectId, `Bearer ${read.credential}`, 'researcher@example.org');
    expect(caller.projectId).toBe(projectId);
  });

  it('tells the researcher what is wrong when the VM cannot read the vault or the project has none yet', async () => {
    const run = async (args: string[], env: Record<string, string>) => {
      const err: string[] = [];
      const code = await runAgent(['list', '--project', projectId, '--user', 'researcher@example.org', ...args], { env, cwd: '/', out: () => {}, err: (l) => err.push(l) });
      return { code, err: err.join('\n') };
    };
    vmToken = 'no-role-token';
    try {
      expect(await run(['--credential-from', `key-vault:${vaultOverHttp}`], { CLOISTER_AGENT_IMDS_URL: imdsUrl })).toEqual({
        code: 1, err: `error: Key Vault ${vaultOverHttp} refused to read workspace-agent-credential (403 Forbidden): this VM's identity needs Key Vault Secrets User on the project vault`,
      });
    } finally {
      vmToken = 'vm-token';
    }
    const empty = await fake.listen('https://kv-empty.vault.azure.net');
    expect(await run(['--credential-from', `key-vault:${empty}`], { CLOISTER_AGENT_IMDS_URL: imdsUrl })).toEqual({
      code: 1, err: `error: Key Vault ${empty} has no workspace-agent-credential secret: the project has no workspace credential yet`,
    });
    expect(await run(['--credential-from', 'key-vault:http://kv.vault.azure.net'], {})).toEqual({ code: 1, err: 'error: --credential-from key-vault: "http://kv.vault.azure.net" is not an https URL' });
  });
});
