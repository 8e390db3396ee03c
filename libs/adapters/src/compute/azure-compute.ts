import { randomBytes } from 'node:crypto';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { ComputePort, ComputeTarget, ConnectLink } from '@cloister/domain';
import { armRequest } from './arm-long-running';

/** Where a project's environment put the things a workspace attaches to (from the provisioning outputs). */
export interface AzureProjectPlacement {
  readonly resourceGroup: string;
  readonly computeSubnetResourceId: string;
  readonly machineLearningWorkspaceName: string;
}

export interface AzureComputeOptions {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  readonly location: string;
  readonly placementOf: (projectId: string) => Promise<AzureProjectPlacement>;
  /** Tests pass an in-process fake of ARM here; production uses the SDK's default client. */
  readonly httpClient?: HttpClient;
  readonly pollIntervalMs?: number;
  /** Azure Virtual Desktop web client (the jump box researchers connect through). */
  readonly avdClientUrl?: string;
  /** When the DevTestLab schedule stops each VM, as a safety net under Cloister's own schedule (HHmm, UTC). */
  readonly autoShutdownTime?: string;
}

const ML_API = '2024-10-01';
const DEVTESTLAB_API = '2018-09-15';
const HOST = 'https://management.azure.com';
// The Data Science VM image (Ubuntu 22.04).
const DSVM_IMAGE = { publisher: 'microsoft-dsvm', offer: 'ubuntu-2204', sku: '2204-gen2', version: 'latest' };

export const azureNameOf = (t: Pick<ComputeTarget, 'workspaceId'>) => `ws-${t.workspaceId.slice(0, 8)}`;

/**
 * Workspaces on Azure. Data science VMs through @azure/arm-compute (create with no public IP in the project's
 * compute subnet and a DevTestLab auto-shutdown schedule; start; deallocate — which ends compute billing; delete).
 * ML compute instances through ARM calls on the project's Machine Learning workspace. Every call is idempotent.
 */
export class AzureCompute implements ComputePort {
  readonly driver = 'azure';
  private readonly client: ComputeManagementClient;
  private readonly poll: { updateIntervalInMs: number };

  constructor(private readonly options: AzureComputeOptions) {
    this.client = new ComputeManagementClient(options.credential, options.subscriptionId, { ...(options.httpClient && { httpClient: options.httpClient }) });
    this.poll = { updateIntervalInMs: options.pollIntervalMs ?? 5000 };
  }

  private async vmPath(t: ComputeTarget) {
    const p = await this.options.placementOf(t.projectId);
    return { p, name: azureNameOf(t), id: `/subscriptions/${this.options.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${azureNameOf(t)}` };
  }

  private async mlUrl(t: ComputeTarget, action = '') {
    const p = await this.options.placementOf(t.projectId);
    const id = `/subscriptions/${this.options.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${p.machineLearningWorkspaceName}/computes/${azureNameOf(t)}`;
    return { p, id, url: `${HOST}${id}${action}?api-version=${ML_API}` };
  }

  async create(t: ComputeTarget): Promise<{ resourceId: string }> {
    const tags = { 'cloister-project': t.projectId, 'cloister-workspace': t.workspaceId };
    if (t.kind === 'ml_compute') {
      const { p, id, url } = await this.mlUrl(t);
      await armRequest(this.client, 'PUT', url, {
        location: this.options.location, tags,
        properties: { computeType: 'ComputeInstance', properties: { vmSize: t.size, subnet: { id: p.computeSubnetResourceId }, enableNodePublicIp: false } },
      }, this.poll.updateIntervalInMs);
      return { resourceId: id };
    }
    const { p, name, id } = await this.vmPath(t);
    await this.client.virtualMachines.beginCreateOrUpdateAndWait(p.resourceGroup, name, {
      location: this.options.location, tags,
      hardwareProfile: { vmSize: t.size },
      storageProfile: { imageReference: DSVM_IMAGE, osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' }, deleteOption: 'Delete' } },
      // Sign-in is through Entra ID from the Virtual Desktop; the local password is random and never stored.
      osProfile: { computerName: name, adminUsername: 'cloisteradmin', adminPassword: `${randomBytes(24).toString('base64url')}Aa1!` },
      networkProfile: {
        networkApiVersion: '2020-11-01',
        networkInterfaceConfigurations: [{ name: `${name}-nic`, primary: true, deleteOption: 'Delete', ipConfigurations: [{ name: 'ipconfig1', subnet: { id: p.computeSubnetResourceId } }] }],
      },
      identity: { type: 'SystemAssigned' },
    }, this.poll);
    // Every VM carries an auto-shutdown schedule (a security invariant of the project template, kept for these too).
    await armRequest(this.client, 'PUT', `${HOST}/subscriptions/${this.options.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/Microsoft.DevTestLab/schedules/shutdown-computevm-${name}?api-version=${DEVTESTLAB_API}`, {
      location: this.options.location, tags,
      properties: { status: 'Enabled', taskType: 'ComputeVmShutdownTask', dailyRecurrence: { time: this.options.autoShutdownTime ?? '2100' }, timeZoneId: 'UTC', targetResourceId: id },
    }, this.poll.updateIntervalInMs);
    return { resourceId: id };
  }

  async start(t: ComputeTarget): Promise<void> {
    if (t.kind === 'ml_compute') {
      await armRequest(this.client, 'POST', (await this.mlUrl(t, '/start')).url, undefined, this.poll.updateIntervalInMs);
      return;
    }
    const { p, name } = await this.vmPath(t);
    await this.client.virtualMachines.beginStartAndWait(p.resourceGroup, name, this.poll);
  }

  async stop(t: ComputeTarget): Promise<void> {
    if (t.kind === 'ml_compute') {
      await armRequest(this.client, 'POST', (await this.mlUrl(t, '/stop')).url, undefined, this.poll.updateIntervalInMs);
      return;
    }
    const { p, name } = await this.vmPath(t);
    // Deallocate, not power off: a powered-off VM still bills for its compute.
    await this.client.virtualMachines.beginDeallocateAndWait(p.resourceGroup, name, this.poll);
  }

  async delete(t: ComputeTarget): Promise<void> {
    if (t.kind === 'ml_compute') {
      const { url } = await this.mlUrl(t);
      await armRequest(this.client, 'DELETE', `${url}&underlyingResourceAction=Delete`, undefined, this.poll.updateIntervalInMs);
      return;
    }
    const { p, name } = await this.vmPath(t);
    try {
      await this.client.virtualMachines.beginDeleteAndWait(p.resourceGroup, name, this.poll);
    } catch (e) {
      // Already gone (a repeated job): deleting is done.
      if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    }
  }

  connectLink(t: ComputeTarget): ConnectLink {
    return azureConnectLink(t, this.options.avdClientUrl);
  }
}

/** Researchers reach workspaces only through Azure Virtual Desktop (the jump box); nothing has a public IP. */
export function azureConnectLink(t: ComputeTarget, avdClientUrl = 'https://client.wvd.microsoft.com/arm/webclient/index.html'): ConnectLink {
  return {
    url: avdClientUrl, simulated: false,
    notice: t.kind === 'vm'
      ? `Opens Azure Virtual Desktop; choose ${azureNameOf(t)} there.`
      : `Opens Azure Virtual Desktop; open Azure ML studio there and choose the compute instance ${azureNameOf(t)}.`,
  };
}
