import type { TokenCredential } from '@azure/identity';
import { conflict, type ObjectStoragePort, PROJECT_NOT_PROVISIONED, type SecureStorageDirectoryPort } from '@cloister/domain';
import { type BlobAccountOptions, BlobObjectStorage } from './blob-object-storage';
import { type SealRegistry, SealedObjectStorage } from './sealed-object-storage';

/** Reads what provisioning stored about a project's environment (EnvironmentsRepository satisfies this). */
export interface ProjectEnvironmentOutputs {
  get(projectId: string): Promise<{ readonly outputs: Record<string, unknown> | null } | null>;
}

/** The project template output that names the project's secure storage account. */
export const SECURE_STORAGE_ACCOUNT_OUTPUT = 'secureStorageAccountName';

// Azure storage account names: 3–24 lowercase letters and digits. Checked because the name becomes a host name.
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/** The project's secure storage account name from its provisioning outputs, or PROJECT_NOT_PROVISIONED. */
export async function secureStorageAccountNameOf(environments: ProjectEnvironmentOutputs, projectId: string): Promise<string> {
  const name = (await environments.get(projectId))?.outputs?.[SECURE_STORAGE_ACCOUNT_OUTPUT];
  if (typeof name !== 'string' || name === '') {
    throw conflict(PROJECT_NOT_PROVISIONED, `project ${projectId} has no provisioned secure storage account (no ${SECURE_STORAGE_ACCOUNT_OUTPUT} in its environment outputs); provision the project first`, { projectId });
  }
  if (!ACCOUNT_NAME.test(name)) throw new Error(`project ${projectId}: ${SECURE_STORAGE_ACCOUNT_OUTPUT} ${JSON.stringify(name)} is not a storage account name`);
  return name;
}

export interface PerProjectSecureStorageDirectoryOptions {
  readonly environments: ProjectEnvironmentOutputs;
  /** The seal registry the worker's writes are checked against (as for the local account). */
  readonly seals: SealRegistry;
  /** The worker's Entra ID credential (DefaultAzureCredential); the accounts have shared keys disabled. */
  readonly credential: TokenCredential;
  /** DNS suffix of storage endpoints (default `core.windows.net`; sovereign clouds differ). */
  readonly storageSuffix?: string;
  /** The blob endpoint of an account (default `https://<name>.blob.<storageSuffix>`); tests point it elsewhere. */
  readonly blobEndpoint?: (accountName: string) => string;
  /** Replaces the SDK's HTTP transport (tests plug in an in-process fake of Azure Storage). */
  readonly httpClient?: BlobAccountOptions['httpClient'];
}

/**
 * Azure mode's secure storage directory: each project's data lives in the secure account its own provisioning
 * deployed. The account is looked up in the project's environment outputs once, then the storage is kept; a
 * failed lookup is not kept, so a project provisioned later resolves on the next call.
 */
export class PerProjectSecureStorageDirectory implements SecureStorageDirectoryPort {
  private readonly cache = new Map<string, Promise<ObjectStoragePort>>();
  private readonly blobEndpoint: (accountName: string) => string;

  constructor(private readonly options: PerProjectSecureStorageDirectoryOptions) {
    const suffix = options.storageSuffix ?? 'core.windows.net';
    this.blobEndpoint = options.blobEndpoint ?? ((name) => `https://${name}.blob.${suffix}`);
  }

  forProject(projectId: string): Promise<ObjectStoragePort> {
    const cached = this.cache.get(projectId);
    if (cached) return cached;
    const resolving = this.resolve(projectId);
    this.cache.set(projectId, resolving);
    resolving.catch(() => {
      if (this.cache.get(projectId) === resolving) this.cache.delete(projectId);
    });
    return resolving;
  }

  private async resolve(projectId: string): Promise<ObjectStoragePort> {
    const accountName = await secureStorageAccountNameOf(this.options.environments, projectId);
    const raw = new BlobObjectStorage({
      account: 'secure', blobUrl: this.blobEndpoint(accountName), accountName, credential: this.options.credential,
      ...(this.options.httpClient && { httpClient: this.options.httpClient }),
    });
    // Every write goes through the seal check, as on the local account; the import container adds version-level immutability.
    return new SealedObjectStorage(raw, this.options.seals);
  }
}
