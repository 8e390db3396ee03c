import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import { MetricsClient } from '@azure/monitor-query-metrics';
import type { ComputeMetricsPort, ComputeTarget, CpuReading } from '@cloister/domain';

export interface AzureCpuMetricsOptions {
  readonly credential: TokenCredential;
  /** Region of the VMs: one batch call covers one subscription and region. */
  readonly location: string;
  readonly httpClient?: HttpClient;
}

// The metrics batch API takes at most 50 resource ids per call.
const BATCH = 50;

/**
 * Azure Monitor `Percentage CPU` (5-minute averages) of data science VMs, read in batches with
 * @azure/monitor-query-metrics. ML compute instances are left out: Azure ML's own idle shutdown covers them.
 */
export class AzureCpuMetrics implements ComputeMetricsPort {
  private readonly client: MetricsClient;

  constructor(options: AzureCpuMetricsOptions) {
    this.client = new MetricsClient(`https://${options.location}.metrics.monitor.azure.com`, options.credential, { ...(options.httpClient && { httpClient: options.httpClient }) });
  }

  async averageCpu(targets: readonly ComputeTarget[], from: Date, to: Date): Promise<Map<string, CpuReading>> {
    const vms = targets.filter((t) => t.kind === 'vm' && t.resourceId);
    const byResource = new Map(vms.map((t) => [t.resourceId!.toLowerCase(), t.workspaceId]));
    const result = new Map<string, CpuReading>();
    for (let i = 0; i < vms.length; i += BATCH) {
      const ids = vms.slice(i, i + BATCH).map((t) => t.resourceId!);
      const answers = await this.client.queryResources(ids, ['Percentage CPU'], 'Microsoft.Compute/virtualMachines', { aggregation: 'Average', interval: 'PT5M', startTime: from, endTime: to });
      for (const a of answers) {
        const workspaceId = byResource.get((a.resourceId ?? '').toLowerCase());
        const points = (a.metrics[0]?.timeseries ?? []).flatMap((s) => s.data ?? []).filter((d) => typeof d.average === 'number');
        if (!workspaceId || !points.length) continue;
        result.set(workspaceId, { averagePercent: points.reduce((s, d) => s + (d.average ?? 0), 0) / points.length, coveredMinutes: points.length * 5 });
      }
    }
    return result;
  }
}
