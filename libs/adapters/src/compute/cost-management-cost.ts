import { CostManagementClient } from '@azure/arm-costmanagement';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { CostPort, DailyCost, ProjectCost } from '@cloister/domain';

export interface CostManagementCostOptions {
  readonly credential: TokenCredential;
  readonly subscriptionId: string;
  readonly resourceGroupOf: (projectId: string) => Promise<string>;
  readonly httpClient?: HttpClient;
}

const day = (v: unknown) => {
  const s = String(v);
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s.slice(0, 10);
};

/** Azure mode's cost: Cost Management's actual cost of the project's resource group, per day, month to date. */
export class CostManagementCost implements CostPort {
  readonly source = 'cost-management' as const;
  private readonly client: CostManagementClient;

  constructor(private readonly options: CostManagementCostOptions) {
    this.client = new CostManagementClient(options.credential, { ...(options.httpClient && { httpClient: options.httpClient }) });
  }

  async monthToDate(projectId: string, monthStart: Date, now: Date): Promise<ProjectCost> {
    // The SDK puts the scope after a slash itself.
    const scope = `subscriptions/${this.options.subscriptionId}/resourceGroups/${await this.options.resourceGroupOf(projectId)}`;
    const result = await this.client.query.usage(scope, {
      type: 'ActualCost', timeframe: 'Custom', timePeriod: { from: monthStart, to: now },
      dataset: { granularity: 'Daily', aggregation: { totalCost: { name: 'Cost', function: 'Sum' } } },
    });
    const names = (result.columns ?? []).map((c) => (c.name ?? '').toLowerCase());
    const [cost, date, currency] = [names.findIndex((n) => n === 'cost' || n === 'pretaxcost'), names.indexOf('usagedate'), names.indexOf('currency')];
    const byDay = new Map<string, number>();
    let cur = 'USD';
    for (const row of result.rows ?? []) {
      const key = day(row[date]);
      byDay.set(key, (byDay.get(key) ?? 0) + Number(row[cost] ?? 0));
      if (currency >= 0 && row[currency]) cur = String(row[currency]);
    }
    const daily: DailyCost[] = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, amount]) => ({ date, amount: Math.round(amount * 100) / 100 }));
    return { currency: cur, daily };
  }
}
