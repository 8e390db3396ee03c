import { AgentError, type AgentCredential, credentialOf } from './credential';

/** The secret the worker delivers each project's credential as (the worker's KeyVaultWorkspaceCredentialVault writes it). */
export const KEY_VAULT_CREDENTIAL_SECRET = 'workspace-agent-credential';
/** Azure's instance metadata service, where a VM gets tokens for its managed identity; $CLOISTER_AGENT_IMDS_URL overrides (tests). */
export const DEFAULT_IMDS_URL = 'http://169.254.169.254';
const KEY_VAULT_RESOURCE = 'https://vault.azure.net';
const KEY_VAULT_API_VERSION = '7.4';
// Each call answers quickly on a VM or not at all (no identity, no route); do not hang the command.
const TIMEOUT_MS = 30_000;

/**
 * Reads the project's workspace credential from its Key Vault on an Azure VM: a token for Key Vault from the VM's
 * managed identity (IMDS), then the secret. Plain fetch, so the agent needs no Azure SDK.
 */
export async function readCredentialFromKeyVault(vaultUri: string, projectId: string, env: Readonly<Record<string, string | undefined>>): Promise<AgentCredential> {
  const vault = vaultOrigin(vaultUri);
  const token = await managedIdentityToken((env['CLOISTER_AGENT_IMDS_URL'] || DEFAULT_IMDS_URL).replace(/\/+$/, ''));
  const secretUrl = `${vault}/secrets/${KEY_VAULT_CREDENTIAL_SECRET}?api-version=${KEY_VAULT_API_VERSION}`;
  const res = await fetch(secretUrl, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((e: unknown) => {
    throw new AgentError(`cannot reach Key Vault ${vault}: ${causeOf(e)}`);
  });
  const body = await res.json().catch(() => null) as { value?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (res.status === 404) throw new AgentError(`Key Vault ${vault} has no ${KEY_VAULT_CREDENTIAL_SECRET} secret: the project has no workspace credential yet`);
  if (res.status === 403) throw new AgentError(`Key Vault ${vault} refused to read ${KEY_VAULT_CREDENTIAL_SECRET} (403 ${String(body?.error?.code ?? 'Forbidden')}): this VM's identity needs Key Vault Secrets User on the project vault`);
  if (!res.ok || typeof body?.value !== 'string') throw new AgentError(`Key Vault ${vault} answered ${res.status}${body?.error?.message ? `: ${String(body.error.message)}` : ''}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.value);
  } catch {
    throw new AgentError(`the ${KEY_VAULT_CREDENTIAL_SECRET} secret in ${vault} is not JSON`);
  }
  return credentialOf(parsed, `the ${KEY_VAULT_CREDENTIAL_SECRET} secret in ${vault}`, projectId);
}

/** The vault's origin. https only: the managed identity's token goes there (plain http to this machine for tests). */
function vaultOrigin(vaultUri: string): string {
  let url: URL;
  try {
    url = new URL(vaultUri);
  } catch {
    throw new AgentError(`--credential-from key-vault: "${vaultUri}" is not a URL (https://<name>.vault.azure.net)`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new AgentError(`--credential-from key-vault: "${vaultUri}" is not an https URL`);
  if (url.username || url.password || url.search || !/^\/?$/.test(url.pathname)) throw new AgentError(`--credential-from key-vault: "${vaultUri}" must be the vault's URI alone (https://<name>.vault.azure.net)`);
  return url.origin;
}

async function managedIdentityToken(imds: string): Promise<string> {
  const url = `${imds}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${encodeURIComponent(KEY_VAULT_RESOURCE)}`;
  const res = await fetch(url, { headers: { metadata: 'true' }, signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((e: unknown) => {
    throw new AgentError(`cannot reach the managed identity endpoint ${imds} (is this an Azure VM with a system-assigned identity?): ${causeOf(e)}`);
  });
  const body = await res.json().catch(() => null) as { access_token?: unknown; error?: unknown; error_description?: unknown } | null;
  if (!res.ok || typeof body?.access_token !== 'string') {
    throw new AgentError(`the managed identity endpoint gave no Key Vault token (${res.status}${body?.error ? ` ${String(body.error)}` : ''}${body?.error_description ? `: ${String(body.error_description)}` : ''})`);
  }
  return body.access_token;
}

function causeOf(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : null;
  return cause ?? (e instanceof Error ? e.message : String(e));
}
