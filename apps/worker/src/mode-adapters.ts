import {
  AzureArmEnvironmentProvisioner, BlobCopyDataMover, BlobObjectStorage, createNotificationDeliveryRunner, createNotifier, DataFactoryDataMover, DefenderTagMalwareScanner,
  type DeliveryLog, EicarMalwareScanner, type InAppNotificationStore, INGRESS_PIPELINE_NAME, type NotificationDeliveryRunner, type RecipientDirectory,
  SimulatedEnvironmentProvisioner,
} from '@cloister/adapters';
import type { WorkerEnv } from '@cloister/config';
import type { DataMoverPort, EnvironmentProvisionerPort, JobQueuePort, MalwareScannerPort, NotifierPort } from '@cloister/domain';
import { type Db, EnvironmentsRepository } from '@cloister/persistence';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import { DbSimulatedStateStore } from './provisioning/db-simulated-state-store';

/**
 * The one place the worker chooses between local and azure adapters. Local: Azurite with shared keys, a blob copy
 * between accounts and a simulated cloud. Azure: Entra ID (managed identity), Data Factory and ARM deployments.
 */
export class ModeAdapters {
  private credentialCache: TokenCredential | null = null;

  constructor(private readonly config: WorkerEnv) {}

  private get credential(): TokenCredential {
    this.credentialCache ??= new DefaultAzureCredential();
    return this.credentialCache;
  }

  storage(account: 'public' | 'secure'): BlobObjectStorage {
    const c = this.config;
    const [blobUrl, accountName, accountKey] = account === 'public'
      ? [c.PUBLIC_STORAGE_BLOB_URL, c.PUBLIC_STORAGE_ACCOUNT, c.PUBLIC_STORAGE_KEY]
      : [c.SECURE_STORAGE_BLOB_URL, c.SECURE_STORAGE_ACCOUNT, c.SECURE_STORAGE_KEY];
    return new BlobObjectStorage({ account, blobUrl, accountName, ...(accountKey ? { accountKey } : { credential: this.credential }) });
  }

  dataMover(pub: BlobObjectStorage, secure: BlobObjectStorage): DataMoverPort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'local') return new BlobCopyDataMover(pub, secure);
    return new DataFactoryDataMover({
      credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), resourceGroup: required(c.AZURE_RESOURCE_GROUP),
      factoryName: required(c.AZURE_DATA_FACTORY_NAME), pipelineName: INGRESS_PIPELINE_NAME, projectStorageAccountName: c.SECURE_STORAGE_ACCOUNT,
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

  provisioner(db: Db): EnvironmentProvisionerPort {
    const c = this.config;
    if (c.CLOISTER_MODE === 'local') {
      return new SimulatedEnvironmentProvisioner({ stateStore: new DbSimulatedStateStore(new EnvironmentsRepository(db)), speed: c.SIMULATION_SPEED });
    }
    return new AzureArmEnvironmentProvisioner({
      credential: this.credential, subscriptionId: required(c.AZURE_SUBSCRIPTION_ID), location: required(c.AZURE_LOCATION),
      platformParameters: JSON.parse(required(c.AZURE_PLATFORM_PARAMETERS)) as Record<string, unknown>,
    });
  }
}

// Config validation already refused azure mode without these; this only narrows the type.
function required(value: string | undefined): string {
  if (!value) throw new Error('azure mode setting missing after validation');
  return value;
}
