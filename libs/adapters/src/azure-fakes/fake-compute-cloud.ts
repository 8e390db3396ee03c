// An in-process FAKE of the Azure endpoints workspaces use — Compute (VMs), Machine Learning compute instances,
// DevTestLab schedules, the Azure Monitor metrics batch API and the Cost Management query API — plugged into the
// real SDKs as their HttpClient. Long-running operations follow ARM's protocol (201/202 + Azure-AsyncOperation,
// then polling). It keeps just enough state (power states, schedules) for assertions.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

export interface FakeComputeRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface FakeVm {
  readonly id: string;
  readonly body: Record<string, unknown>;
  powerState: 'running' | 'deallocated' | 'deleted';
}

interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const ROUTES = {
  vm: /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+)(\/(start|deallocate|instanceView))?$/i,
  mlCompute: /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[^/]+\/computes\/[^/]+)(\/(start|stop))?$/i,
  schedule: /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/Microsoft\.DevTestLab\/schedules\/[^/]+$/i,
  operation: /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/locations\/[^/]+\/operations\/([^/]+)$/i,
  metricsBatch: /^\/subscriptions\/([^/]+)\/metrics:getBatch$/i,
  costQuery: /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+)\/providers\/Microsoft\.CostManagement\/query$/i,
};

export class FakeComputeCloud implements HttpClient {
  readonly requests: FakeComputeRequest[] = [];
  readonly vms = new Map<string, FakeVm>();
  readonly mlComputes = new Map<string, { state: 'Running' | 'Stopped' | 'Deleted'; body: unknown }>();
  readonly schedules = new Map<string, unknown>();
  /** 5-minute CPU averages per VM resource id (lower case), served by the metrics batch API. */
  readonly cpuSeries = new Map<string, number[]>();
  /** Daily cost rows per resource group scope (lower case): [cost, yyyymmdd]. */
  readonly costRows = new Map<string, [number, number][]>();
  private readonly operations = new Map<string, { remaining: number; finish: () => void }>();
  private nextId = 1;

  constructor(private readonly options: { acceptedToken?: string; pollsBeforeDone?: number } = {}) {}

  requestsTo(method: string, path: RegExp): FakeComputeRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const body = typeof request.body === 'string' && request.body ? (JSON.parse(request.body) as unknown) : undefined;
    this.requests.push({ method: request.method, host: url.host, path: url.pathname, query: url.searchParams, body });
    const res = request.headers.get('authorization') !== `Bearer ${this.options.acceptedToken ?? 'fake-arm-token'}`
      ? { status: 401, body: { error: { code: 'AuthenticationFailed', message: 'Missing or wrong bearer token.' } } }
      : this.route(request.method, url, body);
    return {
      request, status: res.status,
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', ...(res.headers ?? {}) }),
      bodyAsText: res.body === undefined ? '' : JSON.stringify(res.body),
    };
  }

  private route(method: string, url: URL, body: unknown): FakeResponse {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (url.host.endsWith('.metrics.monitor.azure.com')) {
      return (m = ROUTES.metricsBatch.exec(path)) && method === 'POST' ? this.metrics(url, body) : { status: 404 };
    }
    if ((m = ROUTES.operation.exec(path))) return this.pollOperation(m[1]!);
    if ((m = ROUTES.vm.exec(path))) return this.vm(method, m[1]!, m[3], body, url);
    if ((m = ROUTES.mlCompute.exec(path))) return this.mlCompute(method, m[1]!, m[3], body, url);
    if (ROUTES.schedule.exec(path) && method === 'PUT') {
      this.schedules.set(path.toLowerCase(), body);
      return { status: 200, body: { id: path, ...(body as object) } };
    }
    if ((m = ROUTES.costQuery.exec(path)) && method === 'POST') return this.cost(m[1]!);
    return { status: 400, body: { error: { code: 'FakeRouteNotImplemented', message: `${method} ${path}` } } };
  }

  /** A long-running operation: "InProgress" for a few polls, then Succeeded (and its effect applied). */
  private longRunning(url: URL, finish: () => void, status = 202): FakeResponse {
    const id = `op${this.nextId++}`;
    this.operations.set(id, { remaining: this.options.pollsBeforeDone ?? 1, finish });
    const sub = url.pathname.split('/')[2];
    const statusUrl = `https://${url.host}/subscriptions/${sub}/providers/Microsoft.Compute/locations/uksouth/operations/${id}?api-version=${url.searchParams.get('api-version')}`;
    return { status, headers: { 'azure-asyncoperation': statusUrl, location: statusUrl } };
  }

  private pollOperation(id: string): FakeResponse {
    const op = this.operations.get(id);
    if (!op) return { status: 404, body: { error: { code: 'OperationNotFound', message: id } } };
    if (op.remaining > 0) {
      op.remaining -= 1;
      return { status: 200, body: { status: 'InProgress' } };
    }
    if (op.remaining === 0) {
      op.remaining = -1;
      op.finish();
    }
    return { status: 200, body: { status: 'Succeeded' } };
  }

  private vmView(vm: FakeVm) {
    return { id: vm.id, name: vm.id.split('/').pop(), type: 'Microsoft.Compute/virtualMachines', ...vm.body, properties: { ...(vm.body['properties'] as object), provisioningState: 'Succeeded' } };
  }

  private vm(method: string, id: string, action: string | undefined, body: unknown, url: URL): FakeResponse {
    const key = id.toLowerCase();
    const vm = this.vms.get(key);
    if (method === 'PUT' && !action) {
      const created: FakeVm = vm ?? { id, body: body as Record<string, unknown>, powerState: 'deallocated' };
      this.vms.set(key, created);
      const res = this.longRunning(url, () => { created.powerState = 'running'; }, vm ? 200 : 201);
      return { ...res, body: this.vmView(created) };
    }
    if (!vm || vm.powerState === 'deleted') return { status: 404, body: { error: { code: 'ResourceNotFound', message: `The Resource '${id}' was not found.` } } };
    if (method === 'GET' && !action) return { status: 200, body: this.vmView(vm) };
    if (method === 'GET' && action === 'instanceView') return { status: 200, body: { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: `PowerState/${vm.powerState}` }] } };
    if (method === 'POST' && action === 'start') return this.longRunning(url, () => { vm.powerState = 'running'; });
    if (method === 'POST' && action === 'deallocate') return this.longRunning(url, () => { vm.powerState = 'deallocated'; });
    if (method === 'DELETE' && !action) return this.longRunning(url, () => { vm.powerState = 'deleted'; });
    return { status: 405 };
  }

  private mlCompute(method: string, id: string, action: string | undefined, body: unknown, url: URL): FakeResponse {
    const key = id.toLowerCase();
    const c = this.mlComputes.get(key);
    if (method === 'PUT' && !action) {
      const created = c ?? { state: 'Stopped' as const, body };
      this.mlComputes.set(key, created);
      return { ...this.longRunning(url, () => { this.mlComputes.set(key, { ...created, state: 'Running' }); }, c ? 200 : 201), body: { id, ...(body as object) } };
    }
    if (!c || c.state === 'Deleted') return { status: 404, body: { error: { code: 'ResourceNotFound', message: id } } };
    if (method === 'POST' && action === 'start') return this.longRunning(url, () => { c.state = 'Running'; });
    if (method === 'POST' && action === 'stop') return this.longRunning(url, () => { c.state = 'Stopped'; });
    if (method === 'DELETE' && !action) return this.longRunning(url, () => { c.state = 'Deleted'; });
    return { status: 405 };
  }

  private metrics(url: URL, body: unknown): FakeResponse {
    const ids = (body as { resourceids?: string[] }).resourceids ?? [];
    if (url.searchParams.get('metricnames') !== 'Percentage CPU' || url.searchParams.get('aggregation') !== 'Average') {
      return { status: 400, body: { error: { code: 'BadRequest', message: 'the fake serves Percentage CPU averages only' } } };
    }
    const start = url.searchParams.get('starttime') ?? new Date(0).toISOString();
    const values = ids.map((resourceid) => {
      const series = this.cpuSeries.get(resourceid.toLowerCase()) ?? [];
      return {
        starttime: start, endtime: url.searchParams.get('endtime'), interval: url.searchParams.get('interval'), namespace: url.searchParams.get('metricnamespace'),
        resourceregion: 'uksouth', resourceid,
        value: [{
          id: `${resourceid}/providers/Microsoft.Insights/metrics/Percentage CPU`, type: 'Microsoft.Insights/metrics', unit: 'Percent',
          name: { value: 'Percentage CPU', localizedValue: 'Percentage CPU' },
          timeseries: [{ data: series.map((average, i) => ({ timeStamp: new Date(Date.parse(start) + i * 300_000).toISOString(), average })) }],
        }],
      };
    });
    return { status: 200, body: { values } };
  }

  private cost(scope: string): FakeResponse {
    const rows = (this.costRows.get(scope.toLowerCase()) ?? []).map(([cost, date]) => [cost, date, 'USD']);
    return {
      status: 200,
      body: {
        id: `${scope}/providers/Microsoft.CostManagement/query/fake`, name: 'fake', type: 'Microsoft.CostManagement/query',
        properties: { nextLink: null, columns: [{ name: 'Cost', type: 'Number' }, { name: 'UsageDate', type: 'Number' }, { name: 'Currency', type: 'String' }], rows },
      },
    };
  }
}
