import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { latestOccurrence, nextRuns, validateSchedule } from './compute-schedule';

const weekdays = { stopCron: '0 19 * * 1-5', startCron: '0 8 * * 1-5', timeZone: 'Europe/London', enabled: true };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return String(e.details?.['field']);
    throw e;
  }
  return undefined;
}

describe('compute schedule', () => {
  it('lists the next five stops and starts in order, in the project time zone', () => {
    // Friday 2026-07-03 12:00 UTC = 13:00 in London (BST).
    const runs = nextRuns(weekdays, new Date('2026-07-03T12:00:00Z'));
    expect(runs.map((r) => `${r.action} ${r.at.toISOString()}`)).toEqual([
      'stop 2026-07-03T18:00:00.000Z', 'start 2026-07-06T07:00:00.000Z', 'stop 2026-07-06T18:00:00.000Z',
      'start 2026-07-07T07:00:00.000Z', 'stop 2026-07-07T18:00:00.000Z',
    ]);
  });

  it('follows daylight saving: 19:00 in London is 19:00 UTC in winter', () => {
    expect(nextRuns({ ...weekdays, startCron: null }, new Date('2026-01-05T12:00:00Z'), 1)[0]?.at.toISOString()).toBe('2026-01-05T19:00:00.000Z');
  });

  it('names the field that is wrong', () => {
    expect(fieldOf(() => validateSchedule({ ...weekdays, timeZone: 'Mars/Olympus' }))).toBe('timeZone');
    expect(fieldOf(() => validateSchedule({ ...weekdays, stopCron: '0 19 * *' }))).toBe('stopCron');
    expect(fieldOf(() => validateSchedule({ ...weekdays, stopCron: '0 25 * * *' }))).toBe('stopCron');
    expect(fieldOf(() => validateSchedule({ ...weekdays, startCron: 'every morning' }))).toBe('startCron');
    expect(validateSchedule({ ...weekdays, stopCron: ' 0  19 * * 1-5 ' }).stopCron).toBe('0 19 * * 1-5');
  });

  it('finds the latest occurrence only within the lookback', () => {
    const at = new Date('2026-07-03T18:00:00Z');
    expect(latestOccurrence('0 19 * * 1-5', 'Europe/London', at, 60_000)?.toISOString()).toBe(at.toISOString());
    expect(latestOccurrence('0 19 * * 1-5', 'Europe/London', new Date(at.getTime() + 5 * 60_000), 10 * 60_000)?.toISOString()).toBe(at.toISOString());
    expect(latestOccurrence('0 19 * * 1-5', 'Europe/London', new Date(at.getTime() + 20 * 60_000), 10 * 60_000)).toBeNull();
  });
});
