// The azure driver of the data-mover port: runs the platform's ingress Data Factory pipeline through the management
// plane (@azure/arm-datafactory, api-version 2018-06-01) and waits for each run to finish. The factory's managed
// identity does the copying inside its managed virtual network; the worker never touches the bytes.
import { setTimeout as delay } from 'node:timers/promises';
import { DataFactoryManagementClient, type DataFactoryManagementClientOptionalParams } from '@azure/arm-datafactory';
import type { TokenCredential } from '@azure/identity';
import type { DataMoverPort, TransferItem } from '@cloister/domain';
import { DataFactoryRunError } from './data-factory-data-mover-errors';
import { type IngressRun, planIngressRuns } from './data-factory-data-mover-runs';

type HttpClient = NonNullable<DataFactoryManagementClientOptionalParams['httpClient']>;

/** Name the platform template gives the ingress pipeline (its `ingressPipelineName` output). */
export const INGRESS_PIPELINE_NAME = 'cloister-ingress';

export interface DataFactoryDataMoverOptions {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly factoryName: string;
  readonly pipelineName: string;
  /**
   * The project's secure storage account (the project deployment's `secureStorageAccountName` output), fixed or per
   * item (e.g. looked up from the project id that leads the destination path).
   */
  readonly projectStorageAccountName: string | ((item: TransferItem) => string | Promise<string>);
  /** Container the template wired the pipeline's source to (its `uploadsContainerName`, default `uploads`). */
  readonly sourceContainer?: string;
  /** Wait between status polls (default 5 s). */
  readonly pollIntervalMs?: number;
  /** Give up on a run after this long, cancelling it (default 12 h, the template's copy-activity timeout). */
  readonly timeoutMs?: number;
  /** Replaces the SDK's HTTP transport (tests plug in an in-process fake of Data Factory). */
  readonly httpClient?: HttpClient;
  /** ARM endpoint, for sovereign clouds (default https://management.azure.com). */
  readonly endpoint?: string;
}

export class DataFactoryDataMover implements DataMoverPort {
  private readonly client: DataFactoryManagementClient;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: DataFactoryDataMoverOptions) {
    const endpoint = options.endpoint ?? 'https://management.azure.com';
    this.client = new DataFactoryManagementClient(options.credential, options.subscriptionId, { endpoint, $host: endpoint, httpClient: options.httpClient });
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 12 * 60 * 60 * 1000;
  }

  async copy(items: readonly TransferItem[]): Promise<void> {
    if (items.length === 0) return;
    const accounts = new Map<TransferItem, string>();
    for (const item of items) accounts.set(item, await this.accountFor(item));
    // Plan everything before starting anything, so an inexpressible item starts no run at all.
    const runs = planIngressRuns(items, this.options.sourceContainer ?? 'uploads', (item) => accounts.get(item) ?? '');
    const started: string[] = [];
    let startFailure: { reason: unknown } | null = null;
    for (const run of runs) {
      try {
        started.push(await this.start(run));
      } catch (reason) {
        startFailure = { reason };
        break;
      }
    }
    // Every started run is watched to its end before reporting, so none is left moving files unobserved.
    const outcomes = await Promise.allSettled(started.map((runId) => this.waitFor(runId)));
    const failure = startFailure ?? outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async accountFor(item: TransferItem): Promise<string> {
    const account = this.options.projectStorageAccountName;
    return typeof account === 'string' ? account : account(item);
  }

  private async start(run: IngressRun): Promise<string> {
    const { resourceGroup, factoryName, pipelineName } = this.options;
    const { runId } = await this.client.pipelines.createRun(resourceGroup, factoryName, pipelineName, { parameters: { ...run.parameters } });
    return runId;
  }

  private async waitFor(runId: string): Promise<void> {
    const { resourceGroup, factoryName, pipelineName } = this.options;
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const run = await this.client.pipelineRuns.get(resourceGroup, factoryName, runId);
      const status = run.status ?? '';
      if (status === 'Succeeded') return;
      if (status === 'Failed' || status === 'Cancelled') throw new DataFactoryRunError(pipelineName, runId, status, run.message ?? '');
      // Queued, InProgress and Canceling (and any status added later) are not final: keep polling.
      if (Date.now() >= deadline) {
        // A run left going would keep moving files while the caller retries; cancelling is best effort.
        await this.client.pipelineRuns.cancel(resourceGroup, factoryName, runId).catch(() => undefined);
        throw new DataFactoryRunError(pipelineName, runId, 'TimedOut', `still ${status} after ${this.timeoutMs} ms; cancellation requested`);
      }
      await delay(this.pollIntervalMs);
    }
  }
}
