import { validationError } from '../errors/domain-error';
import type { DailyCost } from '../workspaces/compute.port';
import { hourlyRateOf, type StopReason } from '../workspaces/workspace-catalogue';

/** A project's monthly compute budget. Members are told at 80 % and 100 %; compute can be stopped at 100 %. */
export interface Budget {
  readonly monthlyAmount: number;
  readonly currency: string;
  readonly stopAtLimit: boolean;
}

export const BUDGET_THRESHOLDS = [80, 100] as const;
export type BudgetThreshold = (typeof BUDGET_THRESHOLDS)[number];

/** Validates the amount as stored (to the cent), so 0.001 cannot become a zero budget. */
export function validateBudget(b: Budget): Budget {
  const monthlyAmount = Math.round(b.monthlyAmount * 100) / 100;
  if (!(monthlyAmount > 0) || monthlyAmount > 10_000_000) {
    throw validationError('INVALID_BUDGET', 'monthlyAmount: must be more than 0 and at most 10000000', { field: 'monthlyAmount' });
  }
  return { ...b, monthlyAmount };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const monthStartUtc = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
export const nextMonthStartUtc = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
export const monthKey = (now: Date): string => now.toISOString().slice(0, 7);
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One running period of a workspace; `stoppedAt` null while it still runs. */
export interface UsageRun {
  readonly workspaceId: string;
  readonly size: string;
  readonly startedAt: Date;
  readonly stoppedAt: Date | null;
  readonly stopReason: StopReason | null;
}

/** Resource-hours × the rate card, per UTC day from the month's start to `now` (every day present, zero or not). */
export function dailyCostFromRuns(runs: readonly UsageRun[], monthStart: Date, now: Date): DailyCost[] {
  const from = monthStart.getTime();
  const to = now.getTime();
  const byDay = new Map<string, number>();
  for (let d = from; d <= to; d += DAY_MS) byDay.set(dayKey(d), 0);
  for (const run of runs) {
    const rate = hourlyRateOf(run.size);
    let start = Math.max(run.startedAt.getTime(), from);
    const end = Math.min(run.stoppedAt?.getTime() ?? to, to);
    while (start < end) {
      const dayEnd = Math.min(end, Math.floor(start / DAY_MS) * DAY_MS + DAY_MS);
      const key = dayKey(start);
      byDay.set(key, (byDay.get(key) ?? 0) + ((dayEnd - start) / HOUR_MS) * rate);
      start = dayEnd;
    }
  }
  return [...byDay].map(([date, amount]) => ({ date, amount: Math.round(amount * 100) / 100 }));
}

/**
 * What automatic stops saved this month: for each run an automatic stop ended, the hours until the same workspace
 * ran again (or until now), priced at its rate. Manual stops are the researcher's saving, not the platform's.
 */
export function savingsFromAutomaticStops(runs: readonly UsageRun[], monthStart: Date, now: Date): number {
  const byWorkspace = new Map<string, UsageRun[]>();
  for (const r of runs) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
  let saved = 0;
  for (const list of byWorkspace.values()) {
    const sorted = [...list].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    sorted.forEach((run, i) => {
      if (!run.stoppedAt || run.stopReason === null || run.stopReason === 'manual') return;
      const idleFrom = Math.max(run.stoppedAt.getTime(), monthStart.getTime());
      const idleTo = Math.min(sorted[i + 1]?.startedAt.getTime() ?? now.getTime(), now.getTime());
      if (idleTo > idleFrom) saved += ((idleTo - idleFrom) / HOUR_MS) * hourlyRateOf(run.size);
    });
  }
  return Math.round(saved * 100) / 100;
}

/** Month to date, and a straight-line forecast of the month's total from the pace so far. */
export function forecastMonth(daily: readonly DailyCost[], now: Date): { spent: number; forecast: number } {
  const spent = Math.round(daily.reduce((s, d) => s + d.amount, 0) * 100) / 100;
  const start = monthStartUtc(now).getTime();
  const elapsed = Math.max(now.getTime() - start, HOUR_MS);
  const total = nextMonthStartUtc(now).getTime() - start;
  return { spent, forecast: Math.round((spent / elapsed) * total * 100) / 100 };
}

/** Thresholds reached by `spent` that nobody has been told about yet this month, lowest first. */
export function newlyCrossedThresholds(budget: Budget, spent: number, alreadyNotified: readonly number[]): BudgetThreshold[] {
  return BUDGET_THRESHOLDS.filter((t) => spent >= (budget.monthlyAmount * t) / 100 && !alreadyNotified.includes(t));
}

/**
 * Thresholds recorded this month that a changed budget no longer reaches at this spend: they are cleared, so a
 * raised budget lifts the exhaustion (100 %) at once and the sweep re-evaluates from the new amount.
 */
export function lapsedThresholds(budget: Budget, spent: number, recorded: readonly number[]): BudgetThreshold[] {
  return BUDGET_THRESHOLDS.filter((t) => recorded.includes(t) && spent < (budget.monthlyAmount * t) / 100);
}

/** Starting compute is refused once the month's budget is spent, if the project chose to stop at the limit. */
export const budgetBlocksStart = (budget: Budget | null, exhaustedAt: Date | null): boolean => Boolean(budget?.stopAtLimit && exhaustedAt);
