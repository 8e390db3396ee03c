import { describe, expect, it } from 'vitest';
import { budgetBlocksStart, dailyCostFromRuns, forecastMonth, lapsedThresholds, newlyCrossedThresholds, savingsFromAutomaticStops, type UsageRun, validateBudget } from './budget';

const d = (s: string) => new Date(s);
const monthStart = d('2026-07-01T00:00:00Z');
const now = d('2026-07-03T12:00:00Z');
// Standard_D4s_v5 costs 0.192 an hour on the rate card.
const runs: UsageRun[] = [
  { workspaceId: 'a', size: 'Standard_D4s_v5', startedAt: d('2026-06-30T22:00:00Z'), stoppedAt: d('2026-07-01T10:00:00Z'), stopReason: 'schedule' },
  { workspaceId: 'a', size: 'Standard_D4s_v5', startedAt: d('2026-07-02T08:00:00Z'), stoppedAt: null, stopReason: null },
  { workspaceId: 'b', size: 'Standard_D8s_v5', startedAt: d('2026-07-03T09:00:00Z'), stoppedAt: d('2026-07-03T10:00:00Z'), stopReason: 'manual' },
];

describe('budget arithmetic', () => {
  it('prices resource-hours per day from the month start, splitting runs at midnight', () => {
    const daily = dailyCostFromRuns(runs, monthStart, now);
    expect(daily).toEqual([
      { date: '2026-07-01', amount: 1.92 }, // 10 h of a
      { date: '2026-07-02', amount: 3.07 }, // 16 h of a
      { date: '2026-07-03', amount: 2.69 }, // 12 h of a + 1 h of b (0.384)
    ]);
    expect(forecastMonth(daily, now)).toEqual({ spent: 7.68, forecast: Math.round((7.68 / 60) * 744 * 100) / 100 });
  });

  it('credits automatic stops with the hours until the workspace ran again', () => {
    // a: stopped by the schedule at 07-01 10:00, started again 07-02 08:00 → 22 h × 0.192. b's manual stop is not counted.
    expect(savingsFromAutomaticStops(runs, monthStart, now)).toBe(4.22);
  });

  it('notifies each threshold once a month and blocks starts only when stopping at the limit', () => {
    const budget = { monthlyAmount: 100, currency: 'USD', stopAtLimit: true };
    expect(newlyCrossedThresholds(budget, 79.99, [])).toEqual([]);
    expect(newlyCrossedThresholds(budget, 80, [])).toEqual([80]);
    expect(newlyCrossedThresholds(budget, 120, [80])).toEqual([100]);
    expect(newlyCrossedThresholds(budget, 120, [80, 100])).toEqual([]);
    expect(budgetBlocksStart(budget, now)).toBe(true);
    expect(budgetBlocksStart({ ...budget, stopAtLimit: false }, now)).toBe(false);
    expect(budgetBlocksStart(budget, null)).toBe(false);
  });

  it('lifts the thresholds a raised budget no longer reaches, and keeps those it still does', () => {
    const raised = { monthlyAmount: 1000, currency: 'USD', stopAtLimit: true };
    expect(lapsedThresholds(raised, 600, [80, 100])).toEqual([80, 100]);
    expect(lapsedThresholds(raised, 900, [80, 100])).toEqual([100]);
    expect(lapsedThresholds(raised, 1000, [80, 100])).toEqual([]);
    expect(lapsedThresholds(raised, 600, [])).toEqual([]);
  });

  it('validates the budget amount after rounding it to the cent', () => {
    expect(() => validateBudget({ monthlyAmount: 0.004, currency: 'USD', stopAtLimit: false })).toThrow(/monthlyAmount/);
    expect(validateBudget({ monthlyAmount: 0.005, currency: 'USD', stopAtLimit: false }).monthlyAmount).toBe(0.01);
  });
});
