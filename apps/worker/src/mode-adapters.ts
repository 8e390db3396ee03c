import {
  AzureArmEnvironmentProvisioner, BlobCopyDataMover, BlobObjectStorage, createNotificationDeliveryRunner, createNotifier, DataFactoryDataMover, DefenderTagMalwareScanner,
  type DeliveryLog, EicarMalwareScanner, type InAppNotificationStore, INGRESS_PIPELINE_NAME, type NotificationDeliveryRunner, type RecipientDirectory,
  SimulatedEnvironmentProvisioner,
} from '@cloister/adapters';
import { PerProjectSecureStorageDirectory, SealedObjectStorage, secureStorageAccountNameOf, SingleAccountSecureStorageDirectory } from '@cloister/adapters';
import { KeyVaultWorkspaceCredentialVault, LocalFileWorkspaceCredentialVault } from '@cloister/adapters';
import { AzurePolicyCompliance, SimulatedPolicyCompliance } from '@cloister/adapters';
import { type AzureProjectPlacement, AzureCompute, AzureCpuMetrics, CostManagementCost, RateCardCost, SimulatedCompute, SimulatedCpuMetrics } from '@cloister/adapters';
import type { ComputeMetricsPort, ComputePort, CostPort, PolicyCompliancePort } from '@cloister/domain';
import { WorkspacesRepository } from '@cloister/persistence';
import type { WorkerEnv } from '@cloister/config';
import type { DataMoverPort, EnvironmentProvisionerPort, JobQueuePort, MalwareScannerPort, NotifierPort, SecureStorageDirectoryPort } from '@cloister/domain';
import type { WorkspaceCredentialVaultPort } from '@cloister/domain';
import { AddressRangeReservationsRepository, type Db, EnvironmentsRepository, SealRegistryRepository } from '@cloister/persistence';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import { DbSimulatedStateStore } from './provisioning/db-simulated-state-store';

/**
 * The one place the worker chooses between local and azure adapters. Local: Azurite with shared keys, a blob copy
 * between accounts and a simulated cloud. Azure: Entra ID (managed identity), each project's own secure account,
 * Data Factory and ARM deployments.
 */
export class ModeAdapters {
  private credentialCache: TokenCredential | null = null;

  constructor(private readonly config: WorkerEnv) {}

  private get credential(): TokenCredential {
    this.credentialCache ??= new DefaultAzureCredential();
    return this.credentialCache;
  }

  /** The public account (uploads, released exports): a shared key locally, the managed identity on Azure. */
  publicStorage(): BlobObjectStorage {
    const c = this.config;
    return new BlobObjectStorage({
      account: 'public', blobUrl: c.PUBLIC_STORAGE_BLOB_URL, accountName: c.PUBLIC_STORAGE_ACCOUNT,
      ...(c.PUBLIC_STORAGE_KEY ? { accountKey: c.PUBLIC_STORAGE_KEY } : { credential: this.credential }),
    });
  }

  /** Local mode's one Azurite secure account, which holds every project under its own prefix; null in azure mode. */
  sharedSecureStorage(): BlobObjectStorage | null {
    const c = this.config;
    if (c.CLOISTER_MODE !== 'local') return null;
    return new BlobObjectStorage({
      account: 'secure', blobUrl: required(c.SECURE_STORAGE_BLOB_URL), accountName: required(c.SECURE_STORAGE_ACCOUNT), accountKey: required(c.SECURE_STORAGE_KEY),
    });
  }

  /**
   * Each project's secure storage, every write through the seal check. Local: the shared Azurite account. Azure:
   * the account the project's provisioning deployed (its `secureStorageAccountName` output), with the managed identity.
   */
  secureStorageDirectory(db: Db, shared: BlobObjectStorage | null): SecureStorageDirectoryPort {
    const seals = new SealRegistryRepository(db);
    if (shared) return new SingleAccountSecureStorageDirectory(new SealedObjectStorage(shared, seals));
    return new PerProjectSecureStorageDirectory({ environments: new EnvironmentsRepository(db), seals, credential: this.credential });
  }

  /**
   * Where each project's workspace-agent credential goes. Local: a 0600 file under the data dir. Azure: the secret
   * in the project's own Key Vault (its `keyVaultUri` output), written with the managed identity.
   */
  workspaceCredentialVault(db: Db): WorkspaceCredentialVaultPort {
    if (this.config.CLOISTER_MODE === 'local') return new LocalFileWorkspaceCredentialVault(this.config.CLOISTER_DATA_DIR);
    return new KeyVaultWorkspaceCredentialVault({ environments: new EnvironmentsRepository(db), credential: this.credential });
  }

  dataMover(db: Db, pub: BlobObjectStorage, shared: BlobObjectStorage | null): DataMoverPort {
    const c = this.config;
    if (shared) return new BlobCopyDataMover(pub, shared);
    const environments = new EnvironmentsRepository(db);
    return new DataFactoryDataMover({
      credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), resourceGroup: required(c.AZURE_RESOURCE_GROUP),
      factoryName: required(c.AZURE_DATA_FACTORY_NAME), pipelineName: INGRESS_PIPELINE_NAME,
      // Ingress destinations are `<projectId>/<dataset>/v<n>/…` (importPrefix): the first segment names the project.
      projectStorageAccountName: (item) => secureStorageAccountNameOf(environments, item.destinationBlob.split('/')[0] ?? ''),
    });
  }

  malwareScanner(pub: BlobObjectStorage): MalwareScannerPort {
    return this.config.CLOISTER_MODE === 'local' ? new EicarMalwareScanner(pub) : new DefenderTagMalwareScanner(pub);
  }

  /**
   * Notifications are the same in both modes; only the endpoints differ: local mode's SMTP_URL is the dev mailbox,
   * azure mode's WEBHOOK_URL is the platform Logic App's HTTP trigger and SMTP_URL the organisation's relay.
   */
  notifier(deps: { store: InAppNotificationStore & RecipientDirectory; log: DeliveryLog; jobs: JobQueuePort; logger: Logger }): NotifierPort {
    return createNotifier(this.config, deps);
  }

  notificationDeliveryRunner(deps: { directory: RecipientDirectory; log: DeliveryLog }): NotificationDeliveryRunner {
    return createNotificationDeliveryRunner(this.config, deps);
  }

  /** Workspaces: a simulated cloud locally (durations ÷ SIMULATION_SPEED); Compute and Machine Learning on Azure. */
  compute(db: Db): ComputePort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'local') return new SimulatedCompute({ speed: c.SIMULATION_SPEED });
    return new AzureCompute({ credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), location: required(c.AZURE_LOCATION), placementOf: (id) => placementOf(db, id) });
  }

  /** CPU for the idle policy: the simulated feed locally, Azure Monitor `Percentage CPU` on Azure. */
  computeMetrics(db: Db): ComputeMetricsPort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'azure') return new AzureCpuMetrics({ credential: this.credential, location: required(c.AZURE_LOCATION) });
    const workspaces = new WorkspacesRepository(db);
    return new SimulatedCpuMetrics({
      activityOf: async (ids) => new Map((await Promise.all(ids.map((id) => workspaces.findById(id)))).flatMap((w) => (w ? [[w.id, { runningSince: w.statusSince, lastActiveAt: w.lastConnectedAt }] as const] : []))),
    });
  }

  /** Spend: resource-hours × the rate card locally, Cost Management's actual cost on Azure. */
  cost(db: Db): CostPort {
    const c = this.config;
    const workspaces = new WorkspacesRepository(db);
    if (c.CLOISTER_MODE === 'local') return new RateCardCost((projectId, from, to) => workspaces.runsOverlapping(projectId, from, to));
    return new CostManagementCost({ credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), resourceGroupOf: async (id) => (await placementOf(db, id)).resourceGroup });
  }

  /** Posture: Azure Policy's latest states per resource group on Azure; the template invariants, simulated, locally. */
  policyCompliance(): PolicyCompliancePort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'local') return new SimulatedPolicyCompliance();
    return new AzurePolicyCompliance({ credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), platformResourceGroup: required(c.AZURE_RESOURCE_GROUP) });
  }

  provisioner(db: Db): EnvironmentProvisionerPort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'local') {
      return new SimulatedEnvironmentProvisioner({ stateStore: new DbSimulatedStateStore(new EnvironmentsRepository(db)), speed: c.SIMULATION_SPEED });
    }
    return new AzureArmEnvironmentProvisioner({
      credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), location: required(c.AZURE_LOCATION),
      platformParameters: JSON.parse(required(c.AZURE_PLATFORM_PARAMETERS)) as Record<string, unknown>,
      ...(c.AZURE_SPOKE_ADDRESS_POOL ? { spokeAddressPool: c.AZURE_SPOKE_ADDRESS_POOL } : {}),
      reservations: new AddressRangeReservationsRepository(db),
    });
  }
}

/** Where a project's provisioning put its compute subnet and ML workspace (read from the deployment outputs). */
async function placementOf(db: Db, projectId: string): Promise<AzureProjectPlacement> {
  const outputs = (await new EnvironmentsRepository(db).get(projectId))?.outputs ?? {};
  const subnet = String(outputs['computeSubnetResourceId'] ?? '');
  const group = /\/resourceGroups\/([^/]+)\//i.exec(subnet)?.[1];
  if (!group) throw new Error(`project ${projectId} has no provisioned environment to place compute in`);
  return { resourceGroup: group, computeSubnetResourceId: subnet, machineLearningWorkspaceName: String(outputs['machineLearningWorkspaceName'] ?? '') };
}

// Config validation already refused the mode without these; this only narrows the type.
function required(value: string | undefined): string {
  if (!value) throw new Error('a setting this mode requires is missing after validation');
  return value;
}
