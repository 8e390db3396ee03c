import { describe, expect, it } from 'vitest';
import { TIER_POLICIES } from '../projects/tier-policy';
import { archiveCheck, fileTypeCheck, hardFailures, notebookCheck, overallOutcome, piiCheck, rowsCheck, sizeCheck } from './export-checks';
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

describe('content check verdicts', () => {
  it('fails an identifier whose validator passed, sends mere possibilities to review, passes none', () => {
    expect(piiCheck([])).toMatchObject({ outcome: 'pass' });
    expect(piiCheck([{ entity: 'UK_NHS', score: 0.9, evidence: 'validator=nhs_mod11:pass' }, { entity: 'EMAIL', score: 0.9, evidence: '' }]))
      .toMatchObject({ outcome: 'fail', message: 'possible identifiers: 1 × NHS number, 1 × Email' });
    expect(piiCheck([{ entity: 'UK_NHS', score: 0.9, evidence: 'validator=nhs_mod11:fail' }]).outcome).toBe('review');
    expect(piiCheck([{ entity: 'UK_NHS', score: 0.3, evidence: 'validator=nhs_mod11:pass' }]).outcome).toBe('review');
    expect(piiCheck([{ entity: 'KNOWN_IDENTIFIER', score: 1, evidence: '' }]).outcome).toBe('fail');
    expect(piiCheck([{ entity: 'PERSON', score: 0.99, evidence: 'validator=x:pass' }]).outcome).toBe('review');
  });
  it('blocks archives that are not zips, cannot be trusted or would unpack to a bomb; lists the rest for review', () => {
    const policy = TIER_POLICIES[1];
    expect(archiveCheck(null, 10, policy)).toMatchObject({ outcome: 'fail', hard: true });
    expect(archiveCheck({ names: ['a'], totalUncompressed: 1, suspicious: 'zip64 archive' }, 10, policy)).toMatchObject({ outcome: 'fail', hard: true, message: 'zip64 archive' });
    expect(archiveCheck({ names: ['a'], totalUncompressed: 101 * 1000, suspicious: null }, 1000, policy).message).toMatch(/zip bomb/);
    expect(archiveCheck({ names: ['a'], totalUncompressed: 10 * policy.maxExportFileBytes + 1, suspicious: null }, policy.maxExportFileBytes, policy).message).toMatch(/zip bomb/);
    expect(archiveCheck({ names: ['a.csv', 'b.zip'], totalUncompressed: 100, suspicious: null }, 100, policy)).toMatchObject({ outcome: 'review', hard: false, message: expect.stringMatching(/nested archives: b\.zip/) });
  });
  it('sends notebooks with outputs to review and fails one that is not JSON, without blocking', () => {
    expect(notebookCheck(0).outcome).toBe('pass');
    expect(notebookCheck(2)).toMatchObject({ outcome: 'review', hard: false });
    expect(notebookCheck(null)).toMatchObject({ outcome: 'fail', hard: false });
  });
});
