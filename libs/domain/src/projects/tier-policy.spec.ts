import { describe, expect, it } from 'vitest';
import { isTier, TIER_POLICIES, TIERS } from './tier-policy';

const MIB = 1024 * 1024;

describe('tier policies', () => {
  it('define every tier 0–4 and nothing else', () => {
    expect(Object.keys(TIER_POLICIES).map(Number)).toEqual([0, 1, 2, 3, 4]);
    for (const tier of TIERS) expect(TIER_POLICIES[tier].tier).toBe(tier);
    expect([-1, 5, 2.5, Number.NaN].filter(isTier)).toEqual([]);
  });

  // The defaults written out, so an edit to the table is a deliberate one that also edits this test.
  it('set the documented defaults per tier', () => {
    const summary = TIERS.map((t) => {
      const p = TIER_POLICIES[t];
      return [t, p.checkersRequired.default, p.checkersRequired.min, p.checkersRequired.max, p.maxExportFileBytes / MIB, p.maxExportRows, p.archivesAllowed];
    });
    expect(summary).toEqual([
      [0, 1, 1, 3, 1024, 10_000_000, true],
      [1, 1, 1, 3, 512, 1_000_000, true],
      [2, 1, 1, 3, 100, 100_000, false],
      [3, 2, 2, 4, 20, 10_000, false],
      [4, 2, 2, 5, 5, 1_000, false],
    ]);
    expect(TIER_POLICIES[4].allowedExportExtensions).toEqual(['csv', 'tsv', 'txt', 'md', 'png', 'pdf']);
  });

  it('need at least two distinct checkers from tier 3, and keep each default within its bounds', () => {
    for (const tier of TIERS) {
      const { default: d, min, max } = TIER_POLICIES[tier].checkersRequired;
      expect(min).toBeGreaterThanOrEqual(tier >= 3 ? 2 : 1);
      expect(d).toBeGreaterThanOrEqual(min);
      expect(d).toBeLessThanOrEqual(max);
    }
  });

  it('never loosen as the tier rises', () => {
    for (const tier of TIERS.slice(1)) {
      const lower = TIER_POLICIES[(tier - 1) as typeof tier];
      const p = TIER_POLICIES[tier];
      expect(p.checkersRequired.min).toBeGreaterThanOrEqual(lower.checkersRequired.min);
      expect(p.maxExportFileBytes).toBeLessThanOrEqual(lower.maxExportFileBytes);
      expect(p.maxExportRows).toBeLessThanOrEqual(lower.maxExportRows);
      if (!lower.archivesAllowed) expect(p.archivesAllowed).toBe(false);
      expect(p.allowedExportExtensions.every((ext) => lower.allowedExportExtensions.includes(ext))).toBe(true);
      expect(p.disclosure.threshold).toBeGreaterThanOrEqual(lower.disclosure.threshold);
    }
  });

  it('allow archives exactly where the extension list admits zip', () => {
    for (const tier of TIERS) expect(TIER_POLICIES[tier].allowedExportExtensions.includes('zip')).toBe(TIER_POLICIES[tier].archivesAllowed);
  });
});
