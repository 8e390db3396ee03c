import { type CostPort, dailyCostFromRuns, type ProjectCost, RATE_CARD_CURRENCY, type UsageRun } from '@cloister/domain';

/** Local mode's cost: the project's running periods (resource-hours) × the rate card, per day. */
export class RateCardCost implements CostPort {
  readonly source = 'rate-card' as const;

  constructor(private readonly runsOf: (projectId: string, from: Date, to: Date) => Promise<UsageRun[]>) {}

  async monthToDate(projectId: string, monthStart: Date, now: Date): Promise<ProjectCost> {
    const runs = await this.runsOf(projectId, monthStart, now);
    return { currency: RATE_CARD_CURRENCY, daily: dailyCostFromRuns(runs, monthStart, now) };
  }
}
