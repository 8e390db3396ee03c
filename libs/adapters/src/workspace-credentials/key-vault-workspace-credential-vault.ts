import type { TokenCredential } from '@azure/identity';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import {
  conflict, type DeliveredWorkspaceCredential, deliveredWorkspaceCredentialOf, PROJECT_NOT_PROVISIONED, type ProjectWorkspaceCredentialSlot, type WorkspaceCredentialVaultPort,
} from '@cloister/domain';
import type { ProjectEnvironmentOutputs } from '../storage/per-project-secure-storage-directory';

/** The project template output that holds the project Key Vault's URI. */
export const KEY_VAULT_URI_OUTPUT = 'keyVaultUri';
/** The secret holding the workspace-agent credential in each project's vault (the agent reads the same name). */
export const WORKSPACE_AGENT_CREDENTIAL_SECRET = 'workspace-agent-credential';

export interface KeyVaultWorkspaceCredentialVaultOptions {
  readonly environments: ProjectEnvironmentOutputs;
  /** The control plane's Entra ID credential (DefaultAzureCredential): Key Vault Secrets Officer on each project vault. */
  readonly credential: TokenCredential;
  /** Replaces the SDK's HTTP transport (tests plug in an in-process fake of Key Vault). */
  readonly httpClient?: HttpClient;
}

/** The project's Key Vault URI from its provisioning outputs, or PROJECT_NOT_PROVISIONED. */
export async function keyVaultUriOf(environments: ProjectEnvironmentOutputs, projectId: string): Promise<string> {
  const uri = (await environments.get(projectId))?.outputs?.[KEY_VAULT_URI_OUTPUT];
  if (typeof uri !== 'string' || uri === '') {
    throw conflict(PROJECT_NOT_PROVISIONED, `project ${projectId} has no provisioned Key Vault (no ${KEY_VAULT_URI_OUTPUT} in its environment outputs); provision the project first`, { projectId });
  }
  // Checked because the token goes wherever this points: an https origin and nothing else.
  let url: URL | null = null;
  try {
    url = new URL(uri);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'https:' || url.username || url.password || url.search || !/^\/?$/.test(url.pathname)) {
    throw new Error(`project ${projectId}: ${KEY_VAULT_URI_OUTPUT} ${JSON.stringify(uri)} is not a Key Vault URI (https://<name>.vault.azure.net/)`);
  }
  return url.origin;
}

/**
 * Azure mode: each project's credential as the secret `workspace-agent-credential` (JSON) in the project's own Key
 * Vault, found through its provisioning outputs; the project's VMs read it with their managed identity. A second
 * delivery adds a new version, which becomes the one read.
 */
export class KeyVaultWorkspaceCredentialVault implements WorkspaceCredentialVaultPort {
  readonly delivery = 'key-vault' as const;
  private readonly clients = new Map<string, SecretClient>();

  constructor(private readonly options: KeyVaultWorkspaceCredentialVaultOptions) {}

  async forProject(projectId: string): Promise<ProjectWorkspaceCredentialSlot> {
    const vault = await keyVaultUriOf(this.options.environments, projectId);
    let client = this.clients.get(vault);
    if (!client) {
      client = new SecretClient(vault, this.options.credential, { ...(this.options.httpClient && { httpClient: this.options.httpClient }) });
      this.clients.set(vault, client);
    }
    return { read: () => readSecret(client, vault), deliver: (content) => writeSecret(client, vault, content) };
  }
}

async function readSecret(client: SecretClient, vault: string): Promise<DeliveredWorkspaceCredential | null> {
  let value: string | undefined;
  try {
    value = (await client.getSecret(WORKSPACE_AGENT_CREDENTIAL_SECRET)).value;
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw vaultError(e, 'read', vault);
  }
  try {
    return deliveredWorkspaceCredentialOf(JSON.parse(value ?? ''));
  } catch {
    return null;
  }
}

async function writeSecret(client: SecretClient, vault: string, content: DeliveredWorkspaceCredential): Promise<void> {
  try {
    await client.setSecret(WORKSPACE_AGENT_CREDENTIAL_SECRET, JSON.stringify(content), {
      contentType: 'application/json', tags: { purpose: 'cloister-workspace-agent', projectId: content.projectId },
    });
  } catch (e) {
    throw vaultError(e, 'write', vault);
  }
}

function statusOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'statusCode' in e && typeof e.statusCode === 'number' ? e.statusCode : undefined;
}

/** Names the vault, the status and what to check: a 403 means the control plane lacks its role on that vault. */
function vaultError(e: unknown, verb: 'read' | 'write', vault: string): Error {
  const status = statusOf(e);
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? ` ${e.code}` : '';
  const message = e instanceof Error ? e.message : String(e);
  const hint = status === 403 ? '; the control plane\'s identity needs Key Vault Secrets Officer on the project vault' : '';
  return new Error(`could not ${verb} the secret ${WORKSPACE_AGENT_CREDENTIAL_SECRET} in Key Vault ${vault}${status ? ` (${status}${code}${hint})` : ''}: ${message}`, { cause: e });
}
