// The azure driver of the environment-provisioning port: deploys the compiled project template into one resource
// group per project through the ARM deployments API (@azure/arm-resources 6.1.0, the last Node 20 line with deployments).
import { setTimeout as delay } from 'node:timers/promises';
import type { TokenCredential } from '@azure/identity';
import { ResourceManagementClient, type DeploymentExtended, type DeploymentOperation, type ResourceManagementClientOptionalParams } from '@azure/arm-resources';
import type {
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
}

const PROJECT_TAG = 'cloister-project';

const STEP_STATUS: Readonly<Record<string, StepStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

const CHANGE_TYPES: ReadonlySet<string> = new Set<ChangeType>(['Create', 'Modify', 'Delete', 'NoChange', 'Ignore', 'Deploy', 'Unsupported']);

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
    return this.whatIf(spec);
  }

  async deploy(spec: ProjectEnvironmentSpec, onProgress: (steps: readonly ProvisioningStep[]) => Promise<void>): Promise<ProvisioningResult> {
    const steps = new ProgressSteps(onProgress);
    const group = resourceGroupNameFor(this.prefix, spec);
    const name = deploymentNameFor(spec);

    await steps.run('resource group', group, () => this.ensureResourceGroup(spec));
    await steps.run('what-if', name, async () => {
      const plan = await this.whatIf(spec);
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
        { properties: { mode: 'Incremental', template: this.template, parameters: toArmParameterValues(this.parameters(spec)) } },
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

  /** Deleting the group removes everything in it; a group that is already gone counts as destroyed. */
  async destroy(spec: ProjectEnvironmentSpec): Promise<void> {
    try {
      await this.client.resourceGroups.beginDeleteAndWait(resourceGroupNameFor(this.prefix, spec), { updateIntervalInMs: this.pollIntervalMs });
    } catch (error) {
      if (statusCodeOf(error) === 404) return;
      throw error;
    }
  }

  private parameters(spec: ProjectEnvironmentSpec): Record<string, unknown> {
    return projectTemplateParameters(this.template, spec, this.options.platformParameters);
  }

  private async ensureResourceGroup(spec: ProjectEnvironmentSpec): Promise<void> {
    await this.client.resourceGroups.createOrUpdate(resourceGroupNameFor(this.prefix, spec), { location: this.options.location, tags: { [PROJECT_TAG]: spec.projectId } });
  }

  private async whatIf(spec: ProjectEnvironmentSpec): Promise<EnvironmentPlan> {
    const result = await this.client.deployments
      .beginWhatIfAndWait(
        resourceGroupNameFor(this.prefix, spec),
        deploymentNameFor(spec),
        { properties: { mode: 'Incremental', template: this.template, parameters: toArmParameterValues(this.parameters(spec)) } },
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
