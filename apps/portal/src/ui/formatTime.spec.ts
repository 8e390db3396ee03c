import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatTime } from './formatTime';

// The test runs in whatever zone the machine has; the zone's short name is whatever Intl calls it there.
const zoneName = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date('2026-11-29T09:16:41Z')).find((p) => p.type === 'timeZoneName')!.value;

describe('formatTime', () => {
  it('names the time zone, so a time can be compared across zones', () => {
    expect(formatTime('2026-11-29T09:16:41Z')).toContain(zoneName);
    expect(formatClock('2026-11-29T09:16:41Z')).toContain(zoneName);
  });

  it('spells the month out instead of an ambiguous 11/29 or 29/11', () => {
    expect(formatTime('2026-11-29T12:00:00Z')).toMatch(/Nov/);
    expect(formatDate('2026-11-29T12:00:00Z')).toMatch(/Nov/);
    expect(formatDate('2026-11-29T12:00:00Z')).not.toContain(zoneName);
  });

  it('shows what it was given when it is not a timestamp', () => {
    expect(formatTime('not a time')).toBe('not a time');
  });
});
