import { describe, expect, it } from 'vitest';
import { addSample, formatBytes, formatSecondsLeft, formatSpeed, fractionDone, secondsLeft, speedOf } from './transferStats';

describe('speed over a sliding window', () => {
  it('has no speed until half a second of samples', () => {
    expect(speedOf([])).toBeNull();
    expect(speedOf([{ at: 0, bytes: 0 }, { at: 400, bytes: 1000 }])).toBeNull();
  });

  it('is bytes per second between the oldest and newest sample', () => {
    expect(speedOf([{ at: 1000, bytes: 0 }, { at: 2000, bytes: 500 }, { at: 3000, bytes: 4000 }])).toBe(2000);
  });

  it('forgets samples older than the window but keeps one to measure from', () => {
    let samples = addSample([], { at: 0, bytes: 0 }, 5000);
    samples = addSample(samples, { at: 1000, bytes: 100_000 }, 5000);
    samples = addSample(samples, { at: 7000, bytes: 160_000 }, 5000);
    expect(samples.map((s) => s.at)).toEqual([1000, 7000]);
    expect(speedOf(samples)).toBe(10_000);
  });

  it('never goes negative when a retried block rewinds the byte count', () => {
    expect(speedOf([{ at: 0, bytes: 5000 }, { at: 1000, bytes: 1000 }])).toBe(0);
  });
});

describe('time left and fraction done', () => {
  it('divides what is left by the speed, rounding up', () => {
    expect(secondsLeft(10_000, 3000)).toBe(4);
    expect(secondsLeft(0, null)).toBe(0);
    expect(secondsLeft(10, null)).toBeNull();
    expect(secondsLeft(10, 0)).toBeNull();
  });

  it('clamps the fraction and counts an empty finished file as done', () => {
    expect(fractionDone(50, 200)).toBe(0.25);
    expect(fractionDone(300, 200)).toBe(1);
    expect(fractionDone(0, 0)).toBe(0);
    expect(fractionDone(0, 0, true)).toBe(1);
  });
});

describe('formatting', () => {
  it('writes sizes, speeds and durations people read at a glance', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(8 * 1024 * 1024)).toBe('8.00 MB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MB');
    expect(formatSpeed(null)).toBe('—');
    expect(formatSpeed(2.5 * 1024 * 1024)).toBe('2.50 MB/s');
    expect(formatSecondsLeft(null)).toBe('—');
    expect(formatSecondsLeft(42)).toBe('42 s');
    expect(formatSecondsLeft(75)).toBe('1 min 15 s');
    expect(formatSecondsLeft(3720)).toBe('1 h 2 min');
  });
});
