// The local driver of the environment-provisioning port: walks the resources the compiled project template would
// create (expanded offline, so names and ids match Azure's) through pending → running → succeeded with Azure-like
// relative durations, and returns outputs with the template's output names. Nothing leaves the process.
import { setTimeout as delay } from 'node:timers/promises';
import type {
  EnvironmentPlan,
  EnvironmentProvisionerPort,
  ProjectEnvironmentSpec,
  ProvisionedResource,
  ProvisioningResult,
  ProvisioningStep,
} from '@cloister/domain';
import { loadProjectTemplate } from '@cloister/infra-templates';
import { deploymentNameFor, projectTemplateParameters, resourceGroupNameFor } from './project-template-parameters';
import { expandProjectTemplate, hasRuntimeValue, replaceRuntimeValues, type ExpandedProjectTemplate, type TemplateResource } from './project-template-resources';
import { InMemorySimulatedEnvironmentStateStore, type SimulatedEnvironmentStateStore } from './simulated-environment-state-store';

export const SIMULATED_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

const PLATFORM_GROUP = `/subscriptions/${SIMULATED_SUBSCRIPTION_ID}/resourceGroups/rg-cloister-platform`;

/** Stand-ins for what the platform deployment would provide in Azure. */
export const SIMULATED_PLATFORM_PARAMETERS: Readonly<Record<string, unknown>> = {
  logAnalyticsWorkspaceResourceId: `${PLATFORM_GROUP}/providers/Microsoft.OperationalInsights/workspaces/log-cloister`,
  dataFactoryResourceId: `${PLATFORM_GROUP}/providers/Microsoft.DataFactory/factories/adf-cloister`,
  dataFactoryPrincipalId: '00000000-0000-0000-0000-00000000adf0',
  hubVirtualNetworkResourceId: `${PLATFORM_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet-cloister-hub`,
  controlPlaneSubnetAddressPrefix: '10.0.0.0/23',
  controlPlaneDnsZoneName: 'cloister-simulated.westeurope.azurecontainerapps.io',
  controlPlanePrincipalId: '00000000-0000-0000-0000-0000000c0de0',
};

export interface SimulatedEnvironmentProvisionerOptions {
  /** The compiled project ARM template (default: libs/infra-templates/project/main.json). */
  readonly template?: Readonly<Record<string, unknown>>;
  readonly platformParameters?: Readonly<Record<string, unknown>>;
  /** How many times faster than Azure (default 250: a default project deploys in about 4–5 s). */
  readonly speed?: number;
  /** Name of a resource whose creation fails, to exercise retries. */
  readonly failAt?: string;
  readonly stateStore?: SimulatedEnvironmentStateStore;
  readonly location?: string;
  readonly resourceGroupPrefix?: string;
}

export class SimulatedDeploymentError extends Error {
  override readonly name = 'SimulatedDeploymentError';

  constructor(
    readonly resourceType: string,
    readonly resourceName: string,
  ) {
    super(`Simulated deployment failed creating ${resourceType} '${resourceName}' (failAt is set to this resource); deploy again without failAt to recover.`);
  }
}

// Rough creation times in Azure, in seconds; unlisted types take DEFAULT_SECONDS.
const AZURE_SECONDS: Readonly<Record<string, number>> = {
  'Microsoft.Network/networkSecurityGroups': 4,
  'Microsoft.Network/virtualNetworks': 6,
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings': 15,
  'Microsoft.Network/privateDnsZones': 20,
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': 20,
  'Microsoft.Network/privateEndpoints': 45,
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups': 10,
  'Microsoft.Network/networkInterfaces': 5,
  'Microsoft.Storage/storageAccounts': 25,
  'Microsoft.Storage/storageAccounts/blobServices': 3,
  'Microsoft.Storage/storageAccounts/blobServices/containers': 2,
  'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies': 2,
  'Microsoft.KeyVault/vaults': 20,
  'Microsoft.KeyVault/vaults/secrets': 3,
  'Microsoft.Authorization/roleAssignments': 5,
  'Microsoft.Insights/diagnosticSettings': 2,
  'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints': 60,
  'Microsoft.MachineLearningServices/workspaces': 90,
  'Microsoft.MachineLearningServices/workspaces/computes': 60,
  'Microsoft.Compute/virtualMachines': 120,
  'Microsoft.Compute/virtualMachines/extensions': 60,
  'Microsoft.DevTestLab/schedules': 2,
  'Microsoft.DesktopVirtualization/hostPools': 8,
  'Microsoft.DesktopVirtualization/applicationGroups': 6,
  'Microsoft.DesktopVirtualization/workspaces': 5,
  'Microsoft.Synapse/workspaces': 180,
};
const DEFAULT_SECONDS = 10;
/** Redeploying an existing resource is a quick no-op PUT in ARM. */
const UNCHANGED_FACTOR = 0.1;

interface PlannedStep {
  readonly step: string;
  readonly resource: TemplateResource;
}

export class SimulatedEnvironmentProvisioner implements EnvironmentProvisionerPort {
  readonly driver = 'local-simulated' as const;
  private readonly template: Readonly<Record<string, unknown>>;
  private readonly platformParameters: Readonly<Record<string, unknown>>;
  private readonly speed: number;
  private readonly stateStore: SimulatedEnvironmentStateStore;
  private readonly location: string;
  private readonly prefix: string;

  constructor(private readonly options: SimulatedEnvironmentProvisionerOptions = {}) {
    this.template = options.template ?? loadProjectTemplate();
    this.platformParameters = options.platformParameters ?? SIMULATED_PLATFORM_PARAMETERS;
    this.speed = options.speed ?? 250;
    if (!(this.speed > 0)) throw new RangeError('speed must be a positive number');
    this.stateStore = options.stateStore ?? new InMemorySimulatedEnvironmentStateStore();
    this.location = options.location ?? 'uksouth';
    this.prefix = options.resourceGroupPrefix ?? 'rg-cloister-';
  }

  async preview(spec: ProjectEnvironmentSpec): Promise<EnvironmentPlan> {
    const planned = this.expand(spec);
    const existing = await this.existingIds(spec);
    return {
      changes: planned.resources.map((r) => ({ resourceType: r.type, name: r.name, changeType: existing.has(r.id.toLowerCase()) ? 'NoChange' : 'Create' })),
    };
  }

  async deploy(spec: ProjectEnvironmentSpec, onProgress: (steps: readonly ProvisioningStep[]) => Promise<void>): Promise<ProvisioningResult> {
    const planned = this.expand(spec);
    const existing = await this.existingIds(spec);
    const plan = stepsFor(planned.resources);
    const steps: ProvisioningStep[] = [
      { name: 'resource group', status: 'pending', startedAt: null, finishedAt: null, detail: resourceGroupNameFor(this.prefix, spec) },
      ...plan.map((p) => ({ name: p.step, status: 'pending' as const, startedAt: null, finishedAt: null, detail: p.resource.type })),
    ];
    const update = async (index: number, change: Partial<ProvisioningStep>) => {
      steps[index] = { ...steps[index], ...change };
      await onProgress([...steps]);
    };
    const now = () => new Date().toISOString();

    await onProgress([...steps]);
    await update(0, { status: 'running', startedAt: now() });
    await delay(this.durationMs('Microsoft.Resources/resourceGroups', false));
    await update(0, { status: 'succeeded', finishedAt: now() });

    for (const [i, { step, resource }] of plan.entries()) {
      const index = i + 1;
      const exists = existing.has(resource.id.toLowerCase());
      await update(index, { status: 'running', startedAt: now(), detail: `${resource.type}: ${exists ? 'updating' : 'creating'}` });
      await delay(this.durationMs(resource.type, exists));
      if (this.options.failAt !== undefined && (resource.name === this.options.failAt || step === this.options.failAt)) {
        const error = new SimulatedDeploymentError(resource.type, resource.name);
        await update(index, { status: 'failed', finishedAt: now(), detail: error.message });
        throw error;
      }
      existing.add(resource.id.toLowerCase());
      // Saved per resource: after a failure, what was created stays (like ARM's Incremental mode).
      await this.stateStore.put(spec.projectId, { resourceIds: [...existing] });
      await update(index, { status: 'succeeded', finishedAt: now(), detail: `${resource.type}: ${exists ? 'unchanged' : 'created'}` });
    }

    return { outputs: simulatedOutputs(planned), resources: planned.resources.map(toProvisionedResource) };
  }

  async destroy(spec: ProjectEnvironmentSpec): Promise<void> {
    if ((await this.stateStore.get(spec.projectId)) === null) return;
    await delay(this.durationMs('Microsoft.Resources/resourceGroups', false));
    await this.stateStore.delete(spec.projectId);
  }

  private expand(spec: ProjectEnvironmentSpec): ExpandedProjectTemplate {
    return expandProjectTemplate(this.template, {
      subscriptionId: SIMULATED_SUBSCRIPTION_ID,
      resourceGroupName: resourceGroupNameFor(this.prefix, spec),
      location: this.location,
      deploymentName: deploymentNameFor(spec),
      parameters: projectTemplateParameters(this.template, spec, this.platformParameters),
    });
  }

  private async existingIds(spec: ProjectEnvironmentSpec): Promise<Set<string>> {
    return new Set((await this.stateStore.get(spec.projectId))?.resourceIds ?? []);
  }

  private durationMs(type: string, exists: boolean): number {
    const seconds = AZURE_SECONDS[type] ?? DEFAULT_SECONDS;
    return (seconds * 1000 * (exists ? UNCHANGED_FACTOR : 1)) / this.speed;
  }
}

/** One step per resource, named after it; extension resources (diagnostics) also name what they attach to. */
function stepsFor(resources: readonly TemplateResource[]): PlannedStep[] {
  const seen = new Map<string, number>();
  return resources.map((resource) => {
    const base = resource.scope ? `${resource.name} on ${resource.scope.split('/').slice(-1)[0]}` : resource.name;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { step: `resource ${base}${count > 1 ? ` #${count}` : ''}`, resource };
  });
}

function toProvisionedResource(r: TemplateResource): ProvisionedResource {
  return { type: r.type, name: r.name, id: r.id, simulated: true };
}

/** The template's outputs, with values only a real deployment knows replaced by plausible stand-ins. */
function simulatedOutputs(planned: ExpandedProjectTemplate): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(planned.outputs).map(([name, output]) => [name, output.value]));
  const keyVaultName = values['keyVaultName'];
  if (typeof values['keyVaultUri'] === 'string' && hasRuntimeValue(values['keyVaultUri']) && typeof keyVaultName === 'string') {
    values['keyVaultUri'] = `https://${keyVaultName}.vault.azure.net/`;
  }
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, withoutRuntimeValues(value)]));
}

function withoutRuntimeValues(value: unknown): unknown {
  if (typeof value === 'string') return replaceRuntimeValues(value, 'simulated');
  if (Array.isArray(value)) return value.map(withoutRuntimeValues);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutRuntimeValues(v)]));
  return value;
}
