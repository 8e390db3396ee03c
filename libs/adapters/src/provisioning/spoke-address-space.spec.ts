import { describe, expect, it } from 'vitest';
import { cidrsOverlap, firstFreeBlock, parseCidr } from './spoke-address-space';

describe('spoke address space', () => {
  it('parses CIDR blocks, normalising host bits, and rejects anything else', () => {
    expect(parseCidr('10.64.4.0/22')).toEqual({ start: (10 * 256 ** 3) + (64 * 256 ** 2) + (4 * 256), size: 1024 });
    expect(parseCidr('10.64.5.7/22')).toEqual(parseCidr('10.64.4.0/22'));
    for (const bad of ['10.0.0.0', '10.0.0.256/24', '10.0.0.0/33', 'fd00::/8']) expect(() => parseCidr(bad)).toThrow(RangeError);
  });

  it('detects overlap in either direction, and adjacency as no overlap', () => {
    expect(cidrsOverlap('10.0.0.0/22', '10.0.2.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.2.0/24', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/22', '10.0.4.0/22')).toBe(false);
  });

  it('picks the first /22 of the pool that overlaps nothing taken', () => {
    expect(firstFreeBlock('10.64.0.0/10', 22, [])).toBe('10.64.0.0/22');
    expect(firstFreeBlock('10.64.0.0/10', 22, ['10.0.0.0/22', '10.64.0.0/22', '10.64.4.0/23'])).toBe('10.64.8.0/22');
    // A larger network taken inside the pool skips every /22 it covers.
    expect(firstFreeBlock('10.64.0.0/10', 22, ['10.64.0.0/16'])).toBe('10.65.0.0/22');
  });

  it('returns null when the pool is full', () => {
    expect(firstFreeBlock('10.64.0.0/21', 22, ['10.64.0.0/22', '10.64.4.0/22'])).toBeNull();
    expect(() => firstFreeBlock('10.64.0.0/24', 22, [])).toThrow(RangeError);
  });
});
