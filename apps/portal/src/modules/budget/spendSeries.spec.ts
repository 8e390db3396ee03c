import { describe, expect, it } from 'vitest';
import { spendSeries } from './spendSeries';

describe('spendSeries', () => {
  it('accumulates daily spend and draws the forecast to the last day of the month', () => {
    const s = spendSeries([{ date: '2026-02-01', amount: 1 }, { date: '2026-02-02', amount: 2.5 }], '2026-02', 50);
    expect(s.days).toBe(28);
    expect(s.actual).toEqual([{ day: 1, total: 1 }, { day: 2, total: 3.5 }]);
    expect(s.forecastLine).toEqual([{ day: 2, total: 3.5 }, { day: 28, total: 50 }]);
  });
});
