// An in-process FAKE of the Azure Resource Manager REST API, plugged into the real SDK as its HttpClient (no socket,
// so the bearer-token policy still sees https). It implements only what the environment provisioner calls, with
// ARM's long-running-operation protocol (201/202 + Azure-AsyncOperation or Location, then polling), and "creates"
// the resources the posted template would create, so idempotency and what-if can be checked against its state.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { expandProjectTemplate, type TemplateResource } from '../provisioning/project-template-resources';

export interface FakeArmRequest {
  readonly method: string;
  readonly url: string;
  /** Path without the query, as sent (the SDK writes `resourcegroups` in lower case). */
  readonly path: string;
  readonly apiVersion: string | null;
  readonly body: unknown;
}

export interface FakeArmError {
  readonly code: string;
  readonly message: string;
}

export interface FakeArmServerOptions {
  readonly host?: string;
  /** Status polls that answer "still running" before a long-running operation finishes (default 2). */
  readonly pollsBeforeDone?: number;
  /** Bearer token the fake accepts (default `fake-arm-token`). */
  readonly acceptedToken?: string;
}

interface FakeResourceGroup {
  readonly name: string;
  location: string;
  tags: Record<string, string>;
  provisioningState: 'Succeeded' | 'Deleting';
}

interface FakeDeploymentOperation {
  readonly operationId: string;
  readonly targetType: string;
  readonly targetName: string;
  readonly targetId: string;
  readonly resources: readonly TemplateResource[];
  provisioningState: 'Accepted' | 'Running' | 'Succeeded' | 'Failed';
  error: FakeArmError | null;
}

interface FakeDeployment {
  readonly resourceGroup: string;
  readonly name: string;
  readonly id: string;
  readonly properties: { readonly mode: unknown; readonly template: unknown; readonly parameters: unknown };
  provisioningState: 'Accepted' | 'Running' | 'Succeeded' | 'Failed';
  outputs: Record<string, { type: string; value: unknown }>;
  outputResources: { id: string }[];
  error: { code: string; message: string; details: FakeArmError[] } | null;
  operations: FakeDeploymentOperation[];
}

interface FakeLongRunningOperation {
  remainingPolls: number;
  /** Moves the operation on by one poll: `progress` in (0, 1], `final` on the last one. */
  readonly advance: (progress: number, final: boolean) => void;
  /** The status-URL answer once finished. */
  readonly finished: () => FakeResponse;
  /** The status-URL answer while running. */
  readonly running: () => FakeResponse;
}

interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const DEFAULT_HOST = 'https://management.azure.com';
const API_VERSION = '2025-03-01';
const ROUTES = {
  resourceGroup: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)$/i,
  deployment: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/Microsoft\.Resources\/deployments\/([^/]+)$/i,
  whatIf: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/Microsoft\.Resources\/deployments\/([^/]+)\/whatIf$/i,
  // The SDK lists operations without the provider segment, as the REST spec defines it.
  operations: /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/deployments\/([^/]+)\/operations$/i,
  operationStatus: /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/Microsoft\.Resources\/deployments\/[^/]+\/operationStatuses\/([^/]+)$/i,
  whatIfResult: /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Resources\/locations\/[^/]+\/operationResults\/([^/]+)$/i,
  groupDeleteResult: /^\/subscriptions\/[^/]+\/operationresults\/([^/]+)$/i,
  // Any other resource by id (GET and DELETE by id), after the routes above.
  resource: /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/.+$/i,
};

const notFound = (code: string, message: string): FakeResponse => ({ status: 404, body: { error: { code, message } } });

/** ARM's first check on PUT and what-if: every parameter without a default needs a value. */
function templateValidationError(properties: FakeDeployment['properties']): FakeResponse | null {
  const declared = ((properties.template as { parameters?: Record<string, { defaultValue?: unknown; nullable?: boolean }> }).parameters ?? {});
  const given = (properties.parameters ?? {}) as Record<string, unknown>;
  const missing = Object.entries(declared).filter(([name, p]) => !('defaultValue' in p) && !p.nullable && !(name in given)).map(([name]) => name);
  if (missing.length === 0) return null;
  const message = `Deployment template validation failed: 'The value for the template parameter '${missing[0]}' at line '1' and column '1' is not provided.'`;
  return { status: 400, body: { error: { code: 'InvalidTemplate', message } } };
}

export class FakeArmServer implements HttpClient {
  /** Every request, in order, for assertions on URLs, api-versions and bodies. */
  readonly requests: FakeArmRequest[] = [];
  readonly resourceGroups = new Map<string, FakeResourceGroup>();
  /** Resources the fake's deployments created, keyed by lower-cased id (ARM ids are case-insensitive). */
  readonly resources = new Map<string, TemplateResource>();
  private readonly deployments = new Map<string, FakeDeployment>();
  private readonly longRunning = new Map<string, FakeLongRunningOperation>();
  private readonly host: string;
  private readonly pollsBeforeDone: number;
  private readonly acceptedToken: string;
  private deploymentFailure: FakeArmError | null = null;
  private nextId = 1;

  constructor(options: FakeArmServerOptions = {}) {
    this.host = options.host ?? DEFAULT_HOST;
    this.pollsBeforeDone = options.pollsBeforeDone ?? 2;
    this.acceptedToken = options.acceptedToken ?? 'fake-arm-token';
  }

  /** Makes later deployments end Failed with this resource-provider error (null to succeed again). */
  failDeployments(error: FakeArmError | null): void {
    this.deploymentFailure = error;
  }

  /** Adds a resource that exists outside the fake's deployments (e.g. the platform's hub network). */
  seedResource(resource: Omit<TemplateResource, 'deploymentPath' | 'scope'>): void {
    this.resources.set(resource.id.toLowerCase(), { ...resource, deploymentPath: [], scope: null });
  }

  /** Requests matching a method and a path pattern. */
  requestsTo(method: string, path: RegExp): FakeArmRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const body = typeof request.body === 'string' && request.body.length > 0 ? (JSON.parse(request.body) as unknown) : undefined;
    // The SDK writes by-id URLs as host + '/' + id, so they start with '//'.
    const path = url.pathname.replace(/^\/\/+/, '/');
    this.requests.push({ method: request.method, url: request.url, path, apiVersion: url.searchParams.get('api-version'), body });
    const response =
      request.headers.get('authorization') !== `Bearer ${this.acceptedToken}`
        ? { status: 401, body: { error: { code: 'AuthenticationFailed', message: 'Missing or wrong bearer token.' } } }
        : url.origin !== new URL(this.host).origin
          ? { status: 400, body: { error: { code: 'WrongHost', message: `The fake serves ${this.host} only.` } } }
          : this.route(request.method, path, body);
    return {
      request,
      status: response.status,
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', ...(response.headers ?? {}) }),
      bodyAsText: response.body === undefined ? '' : JSON.stringify(response.body),
    };
  }

  private route(method: string, path: string, body: unknown): FakeResponse {
    let m: RegExpExecArray | null;
    if ((m = ROUTES.resourceGroup.exec(path))) return this.resourceGroup(method, m[1], m[2], body);
    if ((m = ROUTES.deployment.exec(path))) return this.deployment(method, m[1], m[2], m[3], body);
    if ((m = ROUTES.whatIf.exec(path)) && method === 'POST') return this.whatIf(m[1], m[2], body);
    if ((m = ROUTES.operations.exec(path)) && method === 'GET') return this.deploymentOperations(m[1], m[2], m[3]);
    const status = ROUTES.operationStatus.exec(path) ?? ROUTES.whatIfResult.exec(path) ?? ROUTES.groupDeleteResult.exec(path);
    if (status && method === 'GET') return this.pollLongRunning(status[1]);
    if (ROUTES.resource.test(path) && (method === 'GET' || method === 'DELETE')) return this.resourceById(method, path);
    return { status: 400, body: { error: { code: 'FakeRouteNotImplemented', message: `${method} ${path}` } } };
  }

  private resourceGroup(method: string, subscriptionId: string, name: string, body: unknown): FakeResponse {
    const key = name.toLowerCase();
    const existing = this.resourceGroups.get(key);
    const id = `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
    const view = (g: FakeResourceGroup) => ({ id, name: g.name, type: 'Microsoft.Resources/resourceGroups', location: g.location, tags: g.tags, properties: { provisioningState: g.provisioningState } });
    switch (method) {
      case 'PUT': {
        const b = body as { location: string; tags?: Record<string, string> };
        const group = existing ?? { name, location: b.location, tags: {}, provisioningState: 'Succeeded' as const };
        group.tags = b.tags ?? {};
        this.resourceGroups.set(key, group);
        return { status: existing ? 200 : 201, body: view(group) };
      }
      case 'GET':
        return existing ? { status: 200, body: view(existing) } : notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
      case 'DELETE': {
        if (!existing) return notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
        existing.provisioningState = 'Deleting';
        const token = this.startLongRunning({
          advance: (_progress, final) => {
            if (final) this.removeGroup(subscriptionId, key);
          },
          running: () => ({ status: 202 }),
          finished: () => ({ status: 200 }),
        });
        return { status: 202, headers: { location: `${this.host}/subscriptions/${subscriptionId}/operationresults/${token}?api-version=${API_VERSION}` } };
      }
      default:
        return { status: 405 };
    }
  }

  /** GET returns the resource (a virtual network with its peerings, as ARM does); DELETE removes it and its children. */
  private resourceById(method: string, path: string): FakeResponse {
    const key = path.toLowerCase();
    const r = this.resources.get(key);
    if (method === 'DELETE') {
      for (const id of [...this.resources.keys()]) if (id === key || id.startsWith(`${key}/`)) this.resources.delete(id);
      return { status: r ? 200 : 204 };
    }
    if (!r) return notFound('ResourceNotFound', `The Resource '${path}' was not found.`);
    const properties: Record<string, unknown> = { ...r.properties, provisioningState: 'Succeeded' };
    if (r.type.toLowerCase() === 'microsoft.network/virtualnetworks') {
      // Peerings are child resources that ARM also lists in the network's properties, with the remote's ranges.
      properties.virtualNetworkPeerings = [...this.resources.values()]
        .filter((p) => p.type.toLowerCase() === 'microsoft.network/virtualnetworks/virtualnetworkpeerings' && p.id.toLowerCase().startsWith(`${key}/`))
        .map((p) => {
          const remoteId = String((p.properties.remoteVirtualNetwork as { id?: unknown } | undefined)?.id ?? '');
          const remote = this.resources.get(remoteId.toLowerCase());
          return { id: p.id, name: p.name.split('/').pop(), properties: { ...p.properties, remoteAddressSpace: remote?.properties.addressSpace, peeringState: remote ? 'Connected' : 'Disconnected' } };
        });
    }
    return { status: 200, body: { id: r.id, name: r.name.split('/').pop(), type: r.type, properties } };
  }

  private removeGroup(subscriptionId: string, key: string): void {
    const prefix = `/subscriptions/${subscriptionId}/resourcegroups/${key}/`.toLowerCase();
    this.resourceGroups.delete(key);
    for (const id of [...this.resources.keys()]) if (id.startsWith(prefix)) this.resources.delete(id);
    for (const [k, d] of [...this.deployments]) if (d.resourceGroup.toLowerCase() === key) this.deployments.delete(k);
  }

  private deployment(method: string, subscriptionId: string, group: string, name: string, body: unknown): FakeResponse {
    const rg = this.resourceGroups.get(group.toLowerCase());
    if (!rg || rg.provisioningState === 'Deleting') return notFound('ResourceGroupNotFound', `Resource group '${group}' could not be found.`);
    const key = `${group}/${name}`.toLowerCase();
    if (method === 'GET') {
      const d = this.deployments.get(key);
      return d ? { status: 200, body: this.deploymentView(d) } : notFound('DeploymentNotFound', `Deployment '${name}' could not be found.`);
    }
    if (method !== 'PUT') return { status: 405 };
    const properties = (body as { properties: FakeDeployment['properties'] }).properties;
    const invalid = templateValidationError(properties);
    if (invalid) return invalid;
    const id = `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Resources/deployments/${name}`;
    const planned = this.plan(subscriptionId, rg, group, name, properties);
    const operations = this.operationsFor(planned, subscriptionId, group);
    const deployment: FakeDeployment = { resourceGroup: group, name, id, properties, provisioningState: 'Accepted', outputs: {}, outputResources: [], error: null, operations };
    const existed = this.deployments.has(key);
    this.deployments.set(key, deployment);
    const failure = this.deploymentFailure;
    const token = this.startLongRunning({
      advance: (progress, final) => this.advanceDeployment(deployment, planned, failure, progress, final),
      running: () => ({ status: 200, body: { status: 'Running' } }),
      finished: () =>
        deployment.provisioningState === 'Failed'
          ? { status: 200, body: { status: 'Failed', error: deployment.error } }
          : { status: 200, body: { status: 'Succeeded' } },
    });
    const asyncUrl = `${this.host}${id}/operationStatuses/${token}?api-version=${API_VERSION}`;
    return { status: existed ? 200 : 201, body: this.deploymentView(deployment), headers: { 'azure-asyncoperation': asyncUrl } };
  }

  private plan(subscriptionId: string, rg: FakeResourceGroup, group: string, name: string, properties: FakeDeployment['properties']) {
    const parameters = Object.fromEntries(Object.entries((properties.parameters ?? {}) as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]));
    return expandProjectTemplate(properties.template as object, { subscriptionId, resourceGroupName: group, location: rg.location, deploymentName: name, parameters });
  }

  /** Top-level operations, as ARM lists them: one per module (nested deployment) and one per top-level resource. */
  private operationsFor(planned: ReturnType<FakeArmServer['plan']>, subscriptionId: string, group: string): FakeDeploymentOperation[] {
    const byTarget = new Map<string, FakeDeploymentOperation>();
    for (const r of planned.resources) {
      const module = r.deploymentPath[0];
      const target = module
        ? { type: 'Microsoft.Resources/deployments', name: module, id: `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Resources/deployments/${module}` }
        : { type: r.type, name: r.name, id: r.id };
      const key = `${target.type}|${target.id}`.toLowerCase();
      const op = byTarget.get(key);
      if (op) (op.resources as TemplateResource[]).push(r);
      else byTarget.set(key, { operationId: String(this.nextId++).padStart(16, '0'), targetType: target.type, targetName: target.name, targetId: target.id, resources: [r], provisioningState: 'Accepted', error: null });
    }
    return [...byTarget.values()];
  }

  /** Each poll finishes a share of the operations; the last poll settles the deployment. */
  private advanceDeployment(d: FakeDeployment, planned: ReturnType<FakeArmServer['plan']>, failure: FakeArmError | null, progress: number, final: boolean): void {
    const ops = d.operations;
    // A failure hits the middle operation; the ones before it still get created (mode Incremental keeps them).
    const failAt = failure ? Math.floor(ops.length / 2) : ops.length;
    const done = Math.min(ops.length, Math.ceil(ops.length * progress));
    d.provisioningState = final ? (failure ? 'Failed' : 'Succeeded') : 'Running';
    ops.forEach((op, i) => {
      if (i >= failAt && failure) {
        if (i === failAt && final) {
          op.provisioningState = 'Failed';
          op.error = failure;
        }
        return;
      }
      if (i < done) {
        op.provisioningState = 'Succeeded';
        for (const r of op.resources) this.resources.set(r.id.toLowerCase(), r);
      } else if (i === done) op.provisioningState = 'Running';
    });
    if (!final) return;
    if (failure) {
      d.error = { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed. Please list deployment operations for details.', details: [failure] };
      return;
    }
    d.outputs = Object.fromEntries(Object.entries(planned.outputs).map(([k, o]) => [k, { type: o.type, value: o.value }]));
    d.outputResources = planned.resources.map((r) => ({ id: r.id }));
  }

  private deploymentView(d: FakeDeployment) {
    return {
      id: d.id,
      name: d.name,
      type: 'Microsoft.Resources/deployments',
      properties: {
        provisioningState: d.provisioningState,
        mode: d.properties.mode,
        timestamp: new Date().toISOString(),
        outputs: d.provisioningState === 'Succeeded' ? d.outputs : undefined,
        outputResources: d.provisioningState === 'Succeeded' ? d.outputResources : undefined,
        error: d.error ?? undefined,
      },
    };
  }

  private deploymentOperations(_subscriptionId: string, group: string, name: string): FakeResponse {
    const d = this.deployments.get(`${group}/${name}`.toLowerCase());
    if (!d) return notFound('DeploymentNotFound', `Deployment '${name}' could not be found.`);
    const value = d.operations
      .filter((op) => op.provisioningState !== 'Accepted')
      .map((op) => ({
        id: `${d.id}/operations/${op.operationId}`,
        operationId: op.operationId,
        properties: {
          provisioningOperation: 'Create',
          provisioningState: op.provisioningState,
          timestamp: new Date().toISOString(),
          targetResource: { id: op.targetId, resourceType: op.targetType, resourceName: op.targetName },
          statusMessage: op.error ? { status: 'Failed', error: op.error } : undefined,
        },
      }));
    return { status: 200, body: { value } };
  }

  private whatIf(subscriptionId: string, group: string, body: unknown): FakeResponse {
    const rg = this.resourceGroups.get(group.toLowerCase());
    if (!rg) return notFound('ResourceGroupNotFound', `Resource group '${group}' could not be found.`);
    const properties = (body as { properties: FakeDeployment['properties'] }).properties;
    const invalid = templateValidationError(properties);
    if (invalid) return invalid;
    const planned = this.plan(subscriptionId, rg, group, 'what-if', properties);
    const changes = planned.resources.map((r) => ({ resourceId: r.id, changeType: this.resources.has(r.id.toLowerCase()) ? 'NoChange' : 'Create' }));
    const token = this.startLongRunning({
      advance: () => undefined,
      running: () => ({ status: 202 }),
      finished: () => ({ status: 200, body: { status: 'Succeeded', changes } }),
    });
    return { status: 202, headers: { location: `${this.host}/subscriptions/${subscriptionId}/providers/Microsoft.Resources/locations/${rg.location}/operationResults/${token}?api-version=${API_VERSION}` } };
  }

  private startLongRunning(op: Omit<FakeLongRunningOperation, 'remainingPolls'>): string {
    const token = `op${this.nextId++}`;
    this.longRunning.set(token, { ...op, remainingPolls: this.pollsBeforeDone });
    return token;
  }

  private pollLongRunning(token: string): FakeResponse {
    const op = this.longRunning.get(token);
    if (!op) return notFound('OperationNotFound', `Operation '${token}' could not be found.`);
    const total = this.pollsBeforeDone + 1;
    if (op.remainingPolls > 0) {
      op.remainingPolls -= 1;
      op.advance((total - 1 - op.remainingPolls) / total, false);
      return op.running();
    }
    if (op.remainingPolls === 0) {
      op.remainingPolls = -1;
      op.advance(1, true);
    }
    return op.finished();
  }
}
