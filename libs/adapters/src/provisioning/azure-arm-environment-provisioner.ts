// The azure driver of the environment-provisioning port: deploys the compiled project template into one resource
// group per project through the ARM deployments API (@azure/arm-resources 6.1.0, the last Node 20 line with deployments).
import { setTimeout as delay } from 'node:timers/promises';
import type { TokenCredential } from '@azure/identity';
import { ResourceManagementClient, type DeploymentExtended, type DeploymentOperation, type ResourceManagementClientOptionalParams } from '@azure/arm-resources';
import type {
  AddressRangeReservationsPort,
  ChangeType,
  EnvironmentPlan,
  EnvironmentProvisionerPort,
  ProjectEnvironmentSpec,
  ProvisionedResource,
  ProvisioningResult,
  ProvisioningStep,
  StepStatus,
} from '@cloister/domain';
import { loadProjectTemplate } from '@cloister/infra-templates';
import { ArmDeploymentError, type ArmErrorDetail } from './arm-deployment-error';
import { parseArmResourceId } from './arm-resource-id';
import { deploymentNameFor, projectTemplateParameters, resourceGroupNameFor, toArmParameterValues } from './project-template-parameters';
import { expandProjectTemplate, type ExpandedProjectTemplate } from './project-template-resources';
import { cidrsOverlap, firstFreeBlock } from './spoke-address-space';

type HttpClient = NonNullable<ResourceManagementClientOptionalParams['httpClient']>;

export interface AzureArmEnvironmentProvisionerOptions {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  readonly location: string;
  readonly resourceGroupPrefix?: string;
  /** The compiled project ARM template (default: libs/infra-templates/project/main.json). */
  readonly template?: Readonly<Record<string, unknown>>;
  /** Values only the platform knows (Log Analytics workspace, airlock Data Factory, …). */
  readonly platformParameters: Readonly<Record<string, unknown>>;
  /** Replaces the SDK's HTTP transport (tests plug in an in-process fake of ARM). */
  readonly httpClient?: HttpClient;
  /** ARM endpoint, for sovereign clouds (default https://management.azure.com). */
  readonly endpoint?: string;
  /** Wait between status polls of long-running operations (default 10 s; ARM deployments take minutes). */
  readonly pollIntervalMs?: number;
  /**
   * Where project networks get their /22 when the spec sets no addressPrefix (default 10.64.0.0/10: 4,096 projects).
   * Must not contain the hub's range or anything else peered with the hub.
   */
  readonly spokeAddressPool?: string;
  /** Ranges reserved by projects whose networks may not exist yet (the database), so concurrent provisionings differ. */
  readonly reservations: AddressRangeReservationsPort;
}

const PROJECT_TAG = 'cloister-project';

const STEP_STATUS: Readonly<Record<string, StepStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

const CHANGE_TYPES: ReadonlySet<string> = new Set<ChangeType>(['Create', 'Modify', 'Delete', 'NoChange', 'Ignore', 'Deploy', 'Unsupported']);

const NETWORK_API_VERSION = '2025-05-01';
const DEFAULT_SPOKE_ADDRESS_POOL = '10.64.0.0/10';
const SPOKE_PREFIX_LENGTH = 22;

export class AzureArmEnvironmentProvisioner implements EnvironmentProvisionerPort {
  readonly driver = 'azure-arm' as const;
  private readonly client: ResourceManagementClient;
  private readonly template: Readonly<Record<string, unknown>>;
  private readonly prefix: string;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: AzureArmEnvironmentProvisionerOptions) {
    const endpoint = options.endpoint ?? 'https://management.azure.com';
    // The SDK builds operation URLs from $host and token scopes from endpoint; set both so they agree.
    this.client = new ResourceManagementClient(options.credential, options.subscriptionId, { endpoint, $host: endpoint, httpClient: options.httpClient });
    this.template = options.template ?? loadProjectTemplate();
    this.prefix = options.resourceGroupPrefix ?? 'rg-cloister-';
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
  }

  /**
   * What-if at resource-group scope needs the group to exist, so preview creates the (empty, tagged) group first;
   * deploy would create the same group anyway, and the call is idempotent.
   */
  async preview(spec: ProjectEnvironmentSpec): Promise<EnvironmentPlan> {
    await this.ensureResourceGroup(spec);
    return this.whatIf(spec, await this.parameters(spec));
  }

  async deploy(spec: ProjectEnvironmentSpec, onProgress: (steps: readonly ProvisioningStep[]) => Promise<void>): Promise<ProvisioningResult> {
    const steps = new ProgressSteps(onProgress);
    const group = resourceGroupNameFor(this.prefix, spec);
    const name = deploymentNameFor(spec);

    await steps.run('resource group', group, () => this.ensureResourceGroup(spec));
    let parameters: Record<string, unknown> = {};
    await steps.run('network address space', group, async () => {
      parameters = await this.parameters(spec);
      return typeof parameters['addressPrefix'] === 'string' ? `project network ${parameters['addressPrefix']}` : undefined;
    });
    await steps.run('what-if', name, async () => {
      const plan = await this.whatIf(spec, parameters);
      const changing = plan.changes.filter((c) => c.changeType !== 'NoChange' && c.changeType !== 'Ignore').length;
      return `${changing} of ${plan.changes.length} resources change`;
    });

    await steps.start('deployment', name);
    // A rejected PUT (an HTTP error such as InvalidTemplate) is the error itself; the deployment on record may be an
    // older attempt's. A deployment that failed while running is described by GET deployment instead.
    const rejected = (cause: unknown): Promise<never> => fail(cause instanceof Error && cause.name === 'RestError' ? armErrorFrom(name, cause) : cause);
    const fail = async (cause: unknown): Promise<never> => {
      const failure = cause instanceof ArmDeploymentError ? cause : await this.deploymentError(group, name, cause);
      await this.reportOperations(group, name, steps).catch(() => undefined);
      await steps.finish('deployment', 'failed', failure.message);
      throw failure;
    };
    // A fixed deployment name makes a retried job PUT the same deployment again: ARM converges, nothing doubles.
    const poller = await this.client.deployments
      .beginCreateOrUpdate(
        group,
        name,
        { properties: { mode: 'Incremental', template: this.template, parameters: toArmParameterValues(parameters) } },
        { updateIntervalInMs: this.pollIntervalMs },
      )
      .catch(rejected);
    // Polled by hand (not pollUntilDone) so each round can report the per-resource operations.
    while (!poller.isDone()) {
      await this.reportOperations(group, name, steps);
      await delay(this.pollIntervalMs);
      await poller.poll().catch(fail);
    }
    const deployment = poller.getResult() ?? (await this.client.deployments.get(group, name));
    if (deployment.properties?.provisioningState !== 'Succeeded') await fail(new Error(`provisioning state ${deployment.properties?.provisioningState ?? 'unknown'}`));
    await this.reportOperations(group, name, steps);
    await steps.finish('deployment', 'succeeded', null);
    return { outputs: flattenOutputs(deployment.properties?.outputs), resources: toResources(deployment) };
  }

  /**
   * Deleting the group removes everything in it; a group that is already gone counts as destroyed. What the template
   * deploys into other groups (the hub's half of the peering, the spoke's links to the hub's DNS zones, the factory's
   * managed private endpoint) would outlive it, so those go first.
   */
  async destroy(spec: ProjectEnvironmentSpec): Promise<void> {
    const group = `/subscriptions/${this.options.subscriptionId}/resourceGroups/${resourceGroupNameFor(this.prefix, spec)}/`.toLowerCase();
    const elsewhere = this.expand(spec, projectTemplateParameters(this.template, spec, this.options.platformParameters)).resources.filter(
      (r) => !r.id.toLowerCase().startsWith(group),
    );
    for (const r of elsewhere) {
      await this.client.resources.beginDeleteByIdAndWait(r.id, r.apiVersion, { updateIntervalInMs: this.pollIntervalMs }).catch((error: unknown) => {
        if (statusCodeOf(error) !== 404) throw error;
      });
    }
    try {
      await this.client.resourceGroups.beginDeleteAndWait(resourceGroupNameFor(this.prefix, spec), { updateIntervalInMs: this.pollIntervalMs });
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
    // The network is gone with its group, so its range is free for the next project.
    await this.options.reservations.release(spec.projectId);
  }

  /** The template's parameter values, with the project network's address range chosen when the spec sets none. */
  private async parameters(spec: ProjectEnvironmentSpec): Promise<Record<string, unknown>> {
    const values = projectTemplateParameters(this.template, spec, this.options.platformParameters);
    const hubId = values['hubVirtualNetworkResourceId'];
    if (values['addressPrefix'] === undefined && typeof hubId === 'string') values['addressPrefix'] = await this.spokeAddressPrefix(spec, values, hubId);
    return values;
  }

  /**
   * Azure refuses a hub peering whose remote range overlaps the hub or another network peered with it, so each project
   * needs its own range. A redeploy keeps the range the project network already has. A new network gets the first /22
   * of the pool that overlaps neither the hub, nor a network peered with it, nor a range another project reserved:
   * the range is reserved before the deployment (which takes minutes to peer), so two projects provisioned at the
   * same moment cannot both take it.
   */
  private async spokeAddressPrefix(spec: ProjectEnvironmentSpec, values: Record<string, unknown>, hubId: string): Promise<string> {
    const spokeId = this.expand(spec, values).resources.find((r) => r.type.toLowerCase() === 'microsoft.network/virtualnetworks')?.id;
    const [spoke, hub] = await Promise.all([spokeId ? this.getNetwork(spokeId) : undefined, this.getNetwork(hubId)]);
    if (!hub) throw new Error(`The hub virtual network ${hubId} does not exist: deploy the platform template first (AZURE_PLATFORM_PARAMETERS.hubVirtualNetworkResourceId).`);
    const { reservations } = this.options;
    const peered = hub.peerings.filter((p) => p.remoteId.toLowerCase() !== spokeId?.toLowerCase());
    const current = spoke?.addressPrefixes[0];
    if (current) {
      // A network made before reservations existed (or by hand) may clash; it cannot be peered, so say how to recover.
      const clash = peered.find((p) => p.addressPrefixes.some((prefix) => cidrsOverlap(prefix, current)));
      if (clash) throw new Error(`The project network ${spokeId ?? ''} uses ${current}, which overlaps ${clash.remoteId} (already peered with the hub): delete the project's resource group and provision again.`);
      if ((await reservations.reservedFor(spec.projectId)) !== current) {
        await reservations.release(spec.projectId);
        if (!(await reservations.tryReserve(spec.projectId, current))) throw new Error(`The project network ${spokeId ?? ''} uses ${current}, which another project has reserved: delete the project's resource group and provision again.`);
      }
      return current;
    }
    const taken = [...hub.addressPrefixes, ...peered.flatMap((p) => p.addressPrefixes), ...(await reservations.heldByOthers(spec.projectId))];
    const reserved = await reservations.reservedFor(spec.projectId);
    // A retried job finds its own reservation; one that now overlaps something (a network peered by hand) is given up.
    if (reserved && !taken.some((t) => cidrsOverlap(t, reserved))) return reserved;
    if (reserved) await reservations.release(spec.projectId);
    const pool = this.options.spokeAddressPool ?? DEFAULT_SPOKE_ADDRESS_POOL;
    for (;;) {
      const free = firstFreeBlock(pool, SPOKE_PREFIX_LENGTH, taken);
      if (!free) throw new Error(`No free /${SPOKE_PREFIX_LENGTH} left in the project address pool ${pool}.`);
      if (await reservations.tryReserve(spec.projectId, free)) return free;
      // Another project reserved it between our read and our write: skip it.
      taken.push(free);
    }
  }

  private async getNetwork(id: string): Promise<VirtualNetworkView | undefined> {
    try {
      return virtualNetworkView(await this.client.resources.getById(id, NETWORK_API_VERSION));
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  private expand(spec: ProjectEnvironmentSpec, parameters: Record<string, unknown>): ExpandedProjectTemplate {
    return expandProjectTemplate(this.template, {
      subscriptionId: this.options.subscriptionId,
      resourceGroupName: resourceGroupNameFor(this.prefix, spec),
      location: this.options.location,
      deploymentName: deploymentNameFor(spec),
      parameters,
    });
  }

  private async ensureResourceGroup(spec: ProjectEnvironmentSpec): Promise<void> {
    await this.client.resourceGroups.createOrUpdate(resourceGroupNameFor(this.prefix, spec), { location: this.options.location, tags: { [PROJECT_TAG]: spec.projectId } });
  }

  private async whatIf(spec: ProjectEnvironmentSpec, parameters: Record<string, unknown>): Promise<EnvironmentPlan> {
    const result = await this.client.deployments
      .beginWhatIfAndWait(
        resourceGroupNameFor(this.prefix, spec),
        deploymentNameFor(spec),
        { properties: { mode: 'Incremental', template: this.template, parameters: toArmParameterValues(parameters) } },
        { updateIntervalInMs: this.pollIntervalMs },
      )
      .catch((cause: unknown) => {
        throw armErrorFrom(deploymentNameFor(spec), cause);
      });
    if (result.error) throw new ArmDeploymentError(deploymentNameFor(spec), result.error.code ?? 'WhatIfFailed', result.error.message ?? '', detailsOf(result.error.details));
    return {
      changes: (result.changes ?? []).map((c) => {
        const ref = parseArmResourceId(c.resourceId ?? c.symbolicName ?? '');
        return { resourceType: ref.type, name: ref.name, changeType: CHANGE_TYPES.has(c.changeType) ? (c.changeType as ChangeType) : 'Unsupported' };
      }),
    };
  }

  /** One progress step per top-level deployment operation (each module or resource of the template). */
  private async reportOperations(group: string, name: string, steps: ProgressSteps): Promise<void> {
    const operations: DeploymentOperation[] = [];
    for await (const op of this.client.deploymentOperations.list(group, name)) operations.push(op);
    for (const op of operations) {
      const target = op.properties?.targetResource;
      if (!target?.resourceName) continue;
      const state = op.properties?.provisioningState ?? 'Running';
      const status = STEP_STATUS[state.toLowerCase()] ?? 'running';
      const error = op.properties?.statusMessage?.error;
      const detail = error ? `${error.code ?? 'Error'}: ${error.message ?? ''}` : `${target.resourceType ?? 'resource'} ${state}`;
      steps.set(`resource ${target.resourceName}`, status, detail);
    }
    await steps.emit();
  }

  /** ARM's own error for a failed deployment (GET deployment carries code and provider details). */
  private async deploymentError(group: string, name: string, cause: unknown): Promise<ArmDeploymentError> {
    const deployment = await this.client.deployments.get(group, name).catch(() => undefined);
    const error = deployment?.properties?.error;
    if (error) return new ArmDeploymentError(name, error.code ?? 'DeploymentFailed', error.message ?? '', detailsOf(error.details));
    return armErrorFrom(name, cause);
  }
}

/** The step list as the port reports it: every call sends the whole list, in the order steps began. */
class ProgressSteps {
  private readonly steps = new Map<string, ProvisioningStep>();

  constructor(private readonly onProgress: (steps: readonly ProvisioningStep[]) => Promise<void>) {}

  async run(name: string, detail: string, work: () => Promise<string | void>): Promise<void> {
    await this.start(name, detail);
    try {
      const result = await work();
      await this.finish(name, 'succeeded', result ?? detail);
    } catch (error) {
      await this.finish(name, 'failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async start(name: string, detail: string | null): Promise<void> {
    this.set(name, 'running', detail);
    await this.emit();
  }

  async finish(name: string, status: StepStatus, detail: string | null): Promise<void> {
    this.set(name, status, detail);
    await this.emit();
  }

  set(name: string, status: StepStatus, detail: string | null): void {
    const now = new Date().toISOString();
    const previous = this.steps.get(name);
    const terminal = status === 'succeeded' || status === 'failed';
    this.steps.set(name, {
      name,
      status,
      startedAt: previous?.startedAt ?? (status === 'pending' ? null : now),
      finishedAt: terminal ? (previous?.finishedAt ?? now) : null,
      detail,
    });
  }

  emit(): Promise<void> {
    return this.onProgress([...this.steps.values()]);
  }
}

interface VirtualNetworkView {
  readonly addressPrefixes: string[];
  readonly peerings: { readonly remoteId: string; readonly addressPrefixes: string[] }[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);

/** A virtual network as GET returns it: its ranges, and each peering's remote network and ranges. */
function virtualNetworkView(resource: { properties?: unknown }): VirtualNetworkView {
  const p = resource.properties;
  const peerings = (Array.isArray(field(p, 'virtualNetworkPeerings')) ? (field(p, 'virtualNetworkPeerings') as unknown[]) : []).map((peering) => {
    const pp = field(peering, 'properties');
    return {
      remoteId: String(field(field(pp, 'remoteVirtualNetwork'), 'id') ?? ''),
      addressPrefixes: strings(field(field(pp, 'remoteAddressSpace'), 'addressPrefixes')),
    };
  });
  return { addressPrefixes: strings(field(field(p, 'addressSpace'), 'addressPrefixes')), peerings };
}

function flattenOutputs(outputs: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs ?? {}).map(([name, output]) => [name, typeof output === 'object' && output !== null && 'value' in output ? output.value : output]),
  );
}

function toResources(deployment: DeploymentExtended): ProvisionedResource[] {
  return (deployment.properties?.outputResources ?? []).flatMap((r) => (r.id ? [{ ...parseArmResourceId(r.id), id: r.id, simulated: false }] : []));
}

/** A RestError (or any error) as an ArmDeploymentError, keeping ARM's code (e.g. InvalidTemplate) when there is one. */
function armErrorFrom(name: string, cause: unknown): ArmDeploymentError {
  if (cause instanceof ArmDeploymentError) return cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : 'DeploymentFailed';
  return new ArmDeploymentError(name, code, cause instanceof Error ? cause.message : String(cause), []);
}

function detailsOf(details: readonly { code?: string; message?: string }[] | undefined): ArmErrorDetail[] {
  return (details ?? []).map((d) => ({ code: d.code ?? 'Unknown', message: d.message ?? '' }));
}

function statusCodeOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
