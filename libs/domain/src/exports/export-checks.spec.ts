import { describe, expect, it } from 'vitest';
import { TIER_POLICIES } from '../projects/tier-policy';
import { fileTypeCheck, hardFailures, overallOutcome, rowsCheck, sizeCheck } from './export-checks';
import { checkRequestComposition } from './export-request-rules';

describe('export checks', () => {
  it('blocks outputs of a type the tier does not allow, and archives unless the tier allows them', () => {
    expect(fileTypeCheck('results/table.csv', 'output', TIER_POLICIES[3]).outcome).toBe('pass');
    const exe = fileTypeCheck('tool.exe', 'output', TIER_POLICIES[3]);
    expect(exe).toMatchObject({ outcome: 'fail', hard: true });
    expect(fileTypeCheck('bundle.zip', 'output', TIER_POLICIES[3]).message).toMatch(/archives/);
    expect(fileTypeCheck('bundle.zip', 'output', TIER_POLICIES[1]).outcome).toBe('pass');
    expect(fileTypeCheck('analysis.do', 'supporting', TIER_POLICIES[4]).outcome).toBe('pass');
  });
  it('applies the tier size and row limits as hard failures', () => {
    expect(sizeCheck(TIER_POLICIES[4].maxExportFileBytes + 1, TIER_POLICIES[4])).toMatchObject({ outcome: 'fail', hard: true });
    expect(rowsCheck(10, TIER_POLICIES[4]).outcome).toBe('pass');
    expect(rowsCheck(1001, TIER_POLICIES[4]).outcome).toBe('fail');
  });
  it('takes the worst outcome, and only hard failures block', () => {
    const soft = { name: 'disclosure' as const, outcome: 'fail' as const, hard: false, message: '' };
    const flag = { name: 'pii' as const, outcome: 'review' as const, hard: false, message: '' };
    expect(overallOutcome([flag])).toBe('review');
    expect(overallOutcome([flag, soft])).toBe('fail');
    expect(hardFailures([flag, soft])).toEqual([]);
  });
});

describe('checkRequestComposition', () => {
  it('needs an output, and refuses a file twice or two groups of one name', () => {
    expect(() => checkRequestComposition([{ name: 'a', files: [{ stagedOutputId: 'x', role: 'supporting' }] }])).toThrow(/EXPORT_NEEDS_OUTPUT|at least one file/);
    expect(() => checkRequestComposition([{ name: 'a', files: [{ stagedOutputId: 'x', role: 'output' }, { stagedOutputId: 'x', role: 'supporting' }] }])).toThrow(/groups\[0\]\.files\[1\]\.stagedOutputId/);
    expect(() => checkRequestComposition([{ name: 'A', files: [{ stagedOutputId: 'x', role: 'output' }] }, { name: 'a', files: [] }])).toThrow(/groups\[1\]\.name/);
    expect(() => checkRequestComposition([{ name: 'a', files: [{ stagedOutputId: 'x', role: 'output' }] }])).not.toThrow();
  });
});
