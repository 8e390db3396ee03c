// An in-process FAKE of the Azure Data Factory management REST API (api-version 2018-06-01), plugged into the real
// @azure/arm-datafactory SDK as its HttpClient. It serves createRun, pipelineruns/{runId} and cancel for pipelines
// given as their ARM definitions (normally the platform template's own, so parameter names cannot drift), moves each
// run Queued → InProgress → Succeeded over a number of status polls, and, when handed storage clients, performs the
// pipeline's Copy activity on them at the end, so a test can see bytes arrive (and originals go).
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { BlobServiceClient } from '@azure/storage-blob';
import { expandArmTemplate, loadPlatformTemplate, SAMPLE_PLATFORM_PARAMETERS } from '@cloister/infra-templates';

export interface FakeDataFactoryRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly apiVersion: string | null;
  readonly authorization: string | null;
  readonly body: unknown;
}

/** A pipeline as ARM deploys it: its name and `properties` (parameters, activities). */
export interface FakePipelineDefinition {
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface FakeDataFactoryOptions {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly factoryName: string;
  readonly pipelines: readonly FakePipelineDefinition[];
  readonly host?: string;
  /** Bearer token the fake accepts (default `fake-arm-token`). */
  readonly acceptedToken?: string;
  /** Status polls answering Queued (the first) or InProgress before a run ends (default 2; Infinity: never ends). */
  readonly pollsBeforeDone?: number;
  /** Storage accounts by name: when given, a run performs its Copy activity against them as it finishes. */
  readonly storageAccounts?: Readonly<Record<string, BlobServiceClient>>;
}

export type FakeRunStatus = 'Queued' | 'InProgress' | 'Succeeded' | 'Failed' | 'Canceling' | 'Cancelled';

export interface FakePipelineRun {
  readonly runId: string;
  readonly pipelineName: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly runStart: string;
  status: FakeRunStatus;
  message: string;
  polls: number;
  /** Failure decided when the run was created (failRuns), applied when it ends. */
  readonly failure: string | null;
  /** Blobs the Copy activity wrote, as `account/container/name`. */
  copied: string[];
}

interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
}

interface DatasetLocation {
  readonly account: string;
  readonly container: string;
  readonly folderPath: string;
  /** Empty when the dataset names a folder rather than one file. */
  readonly fileName: string;
}

const API_VERSION = '2018-06-01';
const FACTORY = '^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.DataFactory/factories/([^/]+)';
const ROUTES = {
  createRun: new RegExp(`${FACTORY}/pipelines/([^/]+)/createRun$`, 'i'),
  run: new RegExp(`${FACTORY}/pipelineruns/([^/]+)$`, 'i'),
  cancel: new RegExp(`${FACTORY}/pipelineruns/([^/]+)/cancel$`, 'i'),
};

const cloudError = (status: number, code: string, message: string): FakeResponse => ({ status, body: { error: { code, message } } });

/** The platform template's pipelines (ingress and egress), as a deployment with the sample parameters creates them. */
export function platformTemplatePipelines(): FakePipelineDefinition[] {
  return expandArmTemplate(loadPlatformTemplate(), { parameters: { ...SAMPLE_PLATFORM_PARAMETERS } })
    .resources.filter((r) => r.type === 'Microsoft.DataFactory/factories/pipelines')
    .map((r) => ({ name: r.name.split('/').pop() ?? r.name, properties: r.properties }));
}

export class FakeDataFactory implements HttpClient {
  /** Every request, in order, for assertions on URLs, api-versions, tokens and bodies. */
  readonly requests: FakeDataFactoryRequest[] = [];
  readonly runs = new Map<string, FakePipelineRun>();
  private readonly host: string;
  private readonly acceptedToken: string;
  private readonly pollsBeforeDone: number;
  private nextFailure: string | null = null;
  private nextId = 1;

  constructor(private readonly options: FakeDataFactoryOptions) {
    this.host = options.host ?? 'https://management.azure.com';
    this.acceptedToken = options.acceptedToken ?? 'fake-arm-token';
    this.pollsBeforeDone = options.pollsBeforeDone ?? 2;
  }

  /** Makes runs created from now on end Failed with this activity error (null to succeed again). */
  failRuns(message: string | null): void {
    this.nextFailure = message;
  }

  requestsTo(method: string, path: RegExp): FakeDataFactoryRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const body = typeof request.body === 'string' && request.body.length > 0 ? (JSON.parse(request.body) as unknown) : undefined;
    const authorization = request.headers.get('authorization') ?? null;
    this.requests.push({ method: request.method, url: request.url, path: url.pathname, apiVersion: url.searchParams.get('api-version'), authorization, body });
    const response =
      authorization !== `Bearer ${this.acceptedToken}`
        ? cloudError(401, 'AuthenticationFailed', 'Missing or wrong bearer token.')
        : url.origin !== new URL(this.host).origin
          ? cloudError(400, 'WrongHost', `The fake serves ${this.host} only.`)
          : url.searchParams.get('api-version') !== API_VERSION
            ? cloudError(400, 'InvalidApiVersionParameter', `The fake serves api-version ${API_VERSION} only.`)
            : await this.route(request.method, url.pathname, body);
    return {
      request,
      status: response.status,
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8' }),
      bodyAsText: response.body === undefined ? '' : JSON.stringify(response.body),
    };
  }

  private async route(method: string, path: string, body: unknown): Promise<FakeResponse> {
    const create = ROUTES.createRun.exec(path);
    if (create && method === 'POST') return this.forFactory(create, (pipelineName) => this.createRun(pipelineName, body));
    const cancel = ROUTES.cancel.exec(path);
    if (cancel && method === 'POST') return this.forFactory(cancel, (runId) => this.cancel(runId));
    const run = ROUTES.run.exec(path);
    if (run && method === 'GET') return this.forFactory(run, (runId) => this.poll(runId));
    return cloudError(400, 'FakeRouteNotImplemented', `${method} ${path}`);
  }

  /** Checks the factory part of the path, then hands the last segment (pipeline name or run id) on. */
  private forFactory(m: RegExpExecArray, handle: (name: string) => FakeResponse | Promise<FakeResponse>): FakeResponse | Promise<FakeResponse> {
    const { subscriptionId, resourceGroup, factoryName } = this.options;
    const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
    if (!same(m[1], subscriptionId) || !same(m[2], resourceGroup) || !same(m[3], factoryName)) {
      return cloudError(404, 'ResourceNotFound', `Factory '${m[3]}' in resource group '${m[2]}' could not be found.`);
    }
    return handle(m[4] ?? '');
  }

  /** As Data Factory does: unknown pipeline → 404; a declared parameter without a default and without a value → 400. */
  private createRun(pipelineName: string, body: unknown): FakeResponse {
    const pipeline = this.options.pipelines.find((p) => p.name.toLowerCase() === pipelineName.toLowerCase());
    if (!pipeline) return cloudError(404, 'PipelineNotFound', `Pipeline '${pipelineName}' could not be found.`);
    const declared = (pipeline.properties['parameters'] ?? {}) as Record<string, { defaultValue?: unknown }>;
    const given = (body ?? {}) as Record<string, unknown>;
    const missing = Object.keys(declared).filter((name) => !(name in given) && declared[name]?.defaultValue === undefined);
    if (missing.length > 0) return cloudError(400, 'BadRequest', `The value for the pipeline parameter '${missing[0]}' is not provided.`);
    // Stricter than Data Factory (which ignores them): an undeclared parameter means the caller and template disagree.
    const undeclared = Object.keys(given).filter((name) => !(name in declared));
    if (undeclared.length > 0) return cloudError(400, 'BadRequest', `Pipeline '${pipeline.name}' declares no parameter '${undeclared[0]}'.`);
    const parameters = Object.fromEntries(Object.entries(declared).map(([name, p]) => [name, String(given[name] ?? p.defaultValue)]));
    const runId = `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    this.runs.set(runId, { runId, pipelineName: pipeline.name, parameters, runStart: new Date().toISOString(), status: 'Queued', message: '', polls: 0, failure: this.nextFailure, copied: [] });
    return { status: 200, body: { runId } };
  }

  private cancel(runId: string): FakeResponse {
    const run = this.runs.get(runId);
    if (!run) return cloudError(404, 'PipelineRunNotFound', `Pipeline run '${runId}' could not be found.`);
    if (run.status === 'Queued' || run.status === 'InProgress') run.status = 'Canceling';
    return { status: 200 };
  }

  private async poll(runId: string): Promise<FakeResponse> {
    const run = this.runs.get(runId);
    if (!run) return cloudError(404, 'PipelineRunNotFound', `Pipeline run '${runId}' could not be found.`);
    run.polls += 1;
    if (run.status === 'Canceling') {
      run.status = 'Cancelled';
      run.message = 'Pipeline run was cancelled.';
    } else if (run.status === 'Queued' || run.status === 'InProgress') {
      if (run.polls <= this.pollsBeforeDone) run.status = run.polls === 1 ? 'Queued' : 'InProgress';
      else await this.finish(run);
    }
    return { status: 200, body: this.view(run) };
  }

  private async finish(run: FakePipelineRun): Promise<void> {
    const activity = this.copyActivity(run.pipelineName);
    let failure = run.failure;
    if (!failure && this.options.storageAccounts) {
      failure = await this.performCopy(run, activity).then(
        () => null,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    }
    run.status = failure ? 'Failed' : 'Succeeded';
    run.message = failure ? `Operation on target ${String(activity['name'])} failed: ${failure}` : '';
  }

  private view(run: FakePipelineRun) {
    const ended = run.status === 'Succeeded' || run.status === 'Failed' || run.status === 'Cancelled';
    return {
      runId: run.runId,
      runGroupId: run.runId,
      isLatest: true,
      pipelineName: run.pipelineName,
      parameters: run.parameters,
      invokedBy: { name: 'Manual', id: run.runId, invokedByType: 'Manual' },
      lastUpdated: new Date().toISOString(),
      runStart: run.runStart,
      runEnd: ended ? new Date().toISOString() : undefined,
      durationInMs: ended ? 1 : undefined,
      status: run.status,
      message: run.message,
    };
  }

  private copyActivity(pipelineName: string): Record<string, unknown> {
    const pipeline = this.options.pipelines.find((p) => p.name === pipelineName);
    const activities = (pipeline?.properties['activities'] ?? []) as Record<string, unknown>[];
    const copies = activities.filter((a) => a['type'] === 'Copy');
    if (activities.length !== 1 || copies.length !== 1) throw new Error(`the fake runs pipelines of exactly one Copy activity; '${pipelineName}' has ${activities.length} activities`);
    return copies[0] ?? {};
  }

  /**
   * The template's Copy: one named file when the datasets carry a file name (ingress), else every file under the
   * source folder, recursively with names kept (egress); deletes the originals only where the template says so.
   */
  private async performCopy(run: FakePipelineRun, activity: Record<string, unknown>): Promise<void> {
    const typeProperties = (activity['typeProperties'] ?? {}) as { source?: { storeSettings?: Record<string, unknown> } };
    const settings = typeProperties.source?.storeSettings ?? {};
    if ((settings['wildcardFileName'] ?? '*') !== '*') throw new Error('the fake supports wildcardFileName * only');
    const source = this.location(activity, 'inputs', run.parameters);
    const sink = this.location(activity, 'outputs', run.parameters);
    const from = this.account(source.account).getContainerClient(source.container);
    const to = this.account(sink.account).getContainerClient(sink.container);
    const join = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);
    const pairs: [string, string][] = [];
    if (source.fileName) {
      const name = join(source.folderPath, source.fileName);
      if (!(await from.getBlockBlobClient(name).exists())) throw new Error(`ErrorCode=UserErrorSourceFileNotExists, '${source.container}/${name}' does not exist.`);
      pairs.push([name, join(sink.folderPath, sink.fileName || source.fileName)]);
    } else {
      const prefix = source.folderPath ? `${source.folderPath}/` : '';
      for await (const blob of from.listBlobsFlat({ prefix })) {
        const relative = blob.name.slice(prefix.length);
        if (settings['recursive'] === true || !relative.includes('/')) pairs.push([blob.name, join(sink.folderPath, relative)]);
      }
      if (pairs.length === 0) throw new Error(`ErrorCode=UserErrorSourceFileNotExists, no file found under '${source.container}/${prefix}'.`);
    }
    for (const [name, target] of pairs) {
      const original = from.getBlockBlobClient(name);
      const properties = await original.getProperties();
      await to.getBlockBlobClient(target).uploadData(await original.downloadToBuffer(), { blobHTTPHeaders: { blobContentType: properties.contentType } });
      run.copied.push(`${sink.account}/${sink.container}/${target}`);
    }
    if (settings['deleteFilesAfterCompletion'] === true) for (const [name] of pairs) await from.deleteBlob(name);
  }

  private location(activity: Record<string, unknown>, side: 'inputs' | 'outputs', parameters: Readonly<Record<string, string>>): DatasetLocation {
    const [reference] = (activity[side] ?? []) as { parameters?: Record<string, unknown> }[];
    const value = (key: string): string => {
      const raw = reference?.parameters?.[key];
      const text = typeof raw === 'object' && raw !== null && 'value' in raw ? String((raw as { value: unknown }).value) : String(raw ?? '');
      if (!text.startsWith('@')) return text;
      const m = /^@pipeline\(\)\.parameters\.(\w+)$/.exec(text);
      if (!m?.[1] || !(m[1] in parameters)) throw new Error(`the fake cannot evaluate '${text}'`);
      return parameters[m[1]] ?? '';
    };
    const hasFileName = reference?.parameters !== undefined && 'fileName' in reference.parameters;
    return { account: value('storageAccountName'), container: value('container'), folderPath: value('folderPath'), fileName: hasFileName ? value('fileName') : '' };
  }

  private account(name: string): BlobServiceClient {
    const client = this.options.storageAccounts?.[name];
    if (!client) throw new Error(`ErrorCode=AzureBlobOperationFailed, storage account '${name}' is not reachable from the factory.`);
    return client;
  }
}
