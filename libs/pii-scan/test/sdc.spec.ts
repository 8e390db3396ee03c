import { describe, expect, it } from 'vitest';
import { evidenceFromContributions, isDivisibleBy5Column, isMidpoint6Column, midpoint6, opensafelyRound, runSdcChecks, SDC_DEFAULTS, type SdcCheck } from '../src/index';

const check = (r: { checks: SdcCheck[] }, name: string) => r.checks.find((c) => c.name === name)!;

describe('OpenSAFELY rounding and redaction (docs/outputs/sdc.md, ehrql disclosure_control tests)', () => {
  it('redacts <= 7 then rounds to the nearest 5', () => {
    expect([3, 8, 16, 23].map((x) => opensafelyRound(x))).toEqual([0, 10, 15, 25]);
    expect([18, 23, 31, 44].map((x) => opensafelyRound(x))).toEqual([20, 25, 30, 45]);
    expect([6, 7, 8].map((x) => opensafelyRound(x))).toEqual([0, 0, 10]);
    expect(() => opensafelyRound(-1)).toThrow();
    expect(() => opensafelyRound(7.1)).toThrow();
  });
  it('maps midpoint-6 as documented', () => {
    expect([0, 1, 6, 7, 12, 13].map(midpoint6)).toEqual([0, 3, 3, 9, 9, 15]);
  });
  it("matches Airlock's column detectors", () => {
    expect(isMidpoint6Column([0, 3, 9, 15, 21])).toBe(true);
    expect(isMidpoint6Column([9, 15, 18])).toBe(false);
    expect(isDivisibleBy5Column([5, 10, 15, 16])).toBe(false);
    expect(isDivisibleBy5Column([5, 10, 15, 20])).toBe(true);
  });
  it('passes the rounded table and fails the raw one when rounding is required', () => {
    const raw = 'group,count\na,3\nb,8\nc,16\nd,23\n';
    const rounded = 'group,count\na,[REDACTED]\nb,10\nc,15\nd,25\n';
    const r1 = runSdcChecks(raw, { roundTo: 5, threshold: 8 });
    expect(check(r1, 'rounding')).toMatchObject({ status: 'fail', cells: [[1, 2], [2, 2], [3, 2], [4, 2]] });
    expect(r1.status).toBe('fail');
    const r2 = runSdcChecks(rounded, { roundTo: 5, threshold: 8 });
    expect(check(r2, 'rounding').status).toBe('pass');
    expect(check(r2, 'threshold').status).toBe('pass');
    expect(r2.status).toBe('pass');
  });
  it('recognises midpoint-6 rounding', () => {
    const r = runSdcChecks('practice,events_midpoint6\nA,3\nB,9\nC,15\nD,21\n', { roundTo: 5, threshold: 0 });
    expect(check(r, 'rounding').status).toBe('pass');
    expect(check(r, 'rounding').message).toMatch(/midpoint-6/);
  });
});

describe('ACRO threshold and zeros (defaults: threshold 10, zeros disclosive)', () => {
  // A year x grant_type crosstab in the shape of ACRO's worked example: the R and G cells are below 10.
  const table = 'year,G,N,R\n2010,3,9,11\n2011,2,10,12\n2012,1,9,12\n2013,4,11,14\n2014,2,10,10\n2015,3,10,12\n';
  it('flags the cells below 10 with their positions', () => {
    const r = runSdcChecks(table);
    const t = check(r, 'threshold');
    expect(t.status).toBe('fail');
    expect(t.cells.filter(([, c]) => c === 2)).toHaveLength(6); // every G cell
    expect(t.cells).toContainEqual([1, 3]); // N = 9 in the first row
    expect(t.cells.some(([, c]) => c === 1)).toBe(false); // the year column is a label, not a count
    expect(t.message).toMatch(/may need suppressing/);
    expect(r.status).toBe('fail');
  });
  it('treats zeros as disclosive by default, and not when configured', () => {
    const t = 'sex,n\nF,12\nM,0\n';
    expect(check(runSdcChecks(t), 'zeros')).toMatchObject({ status: 'fail', cells: [[2, 2]] });
    expect(check(runSdcChecks(t, { zerosDisclosive: false }), 'zeros').status).toBe('pass');
    expect(check(runSdcChecks(t), 'threshold').status).toBe('pass');
  });
  it('honours a configured threshold', () => {
    expect(check(runSdcChecks('g,n\na,9\n', { threshold: 8 }), 'threshold').status).toBe('pass');
    expect(check(runSdcChecks('g,n\na,9\n'), 'threshold').status).toBe('fail');
  });
  it('asks for review when no count column can be found', () => {
    expect(check(runSdcChecks('a,b\nx,y\n'), 'threshold').status).toBe('review');
  });
  it("defaults to ACRO's default.yaml (safe_threshold 10, zeros_are_disclosive, safe_pratio_p 0.10, safe_nk_n 2, safe_nk_k 0.90, safe_dof_threshold 10)", () => {
    expect(SDC_DEFAULTS).toMatchObject({ threshold: 10, zerosDisclosive: true, p: 0.1, nkN: 2, nkK: 0.9, dofThreshold: 10 });
    expect(SDC_DEFAULTS.roundTo).toBeNull(); // ACRO rounds only when asked to; OpenSAFELY tiers set 5
  });
  it('rejects invalid settings', () => {
    expect(() => runSdcChecks('g,n\na,9\n', { roundTo: 0 })).toThrow();
    expect(() => runSdcChecks('g,n\na,9\n', { threshold: -1 })).toThrow();
  });
});

describe('dominance with ACRO-style evidence (p = 0.10; N-K n = 2, k = 0.9)', () => {
  const table = 'group,total_income\na,1001001\nb,1000505\nc,3000\n';
  it('fails N-K where two contributions dominate (values 1e6 / 1000 / 1)', () => {
    const cells = [evidenceFromContributions(1, 2, [1e6, 1000, 1]), evidenceFromContributions(2, 2, [1e6, 500, 5]), evidenceFromContributions(3, 2, [1000, 1000, 1000])];
    const r = runSdcChecks(table, {}, { cells });
    expect(check(r, 'nk-rule')).toMatchObject({ status: 'fail', cells: [[1, 2], [2, 2]] });
  });
  it('fails the p% rule where the rest cannot hide the largest (values 1e6 / 500 / 5)', () => {
    const cells = [evidenceFromContributions(2, 2, [1e6, 500, 5]), evidenceFromContributions(3, 2, [1000, 1000, 1000, 1000])];
    const r = runSdcChecks(table, {}, { cells });
    expect(check(r, 'p-ratio')).toMatchObject({ status: 'fail', cells: [[2, 2]] });
    expect(check(r, 'nk-rule').cells).toEqual([[2, 2]]);
  });
  it('passes balanced cells and fails a single contributor', () => {
    const ok = runSdcChecks(table, {}, { cells: [evidenceFromContributions(3, 2, [100, 100, 100, 100, 100])] });
    expect(check(ok, 'p-ratio').status).toBe('pass');
    expect(check(ok, 'nk-rule').status).toBe('pass');
    const single = runSdcChecks(table, {}, { cells: [evidenceFromContributions(1, 2, [5000])] });
    expect(check(single, 'p-ratio').status).toBe('fail');
  });
  it('does not flag a cell whose largest contribution is 0 (ACRO v1: x1 = 0 is non-disclosive)', () => {
    const r = runSdcChecks(table, {}, { cells: [evidenceFromContributions(1, 2, [0, 0, 0])] });
    expect(check(r, 'p-ratio').status).toBe('pass');
  });
  it('asks for review when contributions are negative', () => {
    const r = runSdcChecks(table, {}, { cells: [evidenceFromContributions(1, 2, [100, -50, 30])] });
    expect(check(r, 'p-ratio').status).toBe('review');
    expect(check(r, 'nk-rule').status).toBe('review');
    expect(r.status).toBe('review'); // nothing fails, so the overall status is review
  });
  it('asks for review of magnitude tables without evidence', () => {
    const r = runSdcChecks('group,mean_income\na,1200.5\nb,980.25\n');
    expect(check(r, 'p-ratio').status).toBe('review');
    expect(check(r, 'nk-rule').cells).toEqual([[1, 2], [2, 2]]);
  });
  it('uses the configured p and k', () => {
    const cells = [evidenceFromContributions(1, 2, [100, 50, 20])];
    expect(check(runSdcChecks(table, {}, { cells }), 'nk-rule').status).toBe('pass'); // 150/170 = 0.88
    expect(check(runSdcChecks(table, { nkK: 0.8 }, { cells }), 'nk-rule').status).toBe('fail');
    expect(check(runSdcChecks(table, { p: 0.25 }, { cells }), 'p-ratio').status).toBe('fail'); // 20/100 = 0.2
  });
});

describe('degrees of freedom', () => {
  it('fails dof 6 and passes dof 807 (ACRO OLS examples)', () => {
    expect(check(runSdcChecks('term,coef\nx,1.2\n', {}, { dof: 6 }), 'dof')).toMatchObject({ status: 'fail', message: 'residual degrees of freedom 6 < 10' });
    expect(check(runSdcChecks('term,coef\nx,1.2\n', {}, { dof: 807 }), 'dof').status).toBe('pass');
  });
  it('reads df_resid from a regression table', () => {
    expect(check(runSdcChecks('term,coef,df_resid\nx,1.2,6\n'), 'dof').status).toBe('fail');
    expect(check(runSdcChecks('term,value\nDf Residuals,807\n'), 'dof').status).toBe('pass');
  });
  it('omits the dof check when there is nothing to check', () => {
    expect(runSdcChecks('g,n\na,12\n').checks.map((c) => c.name)).toEqual(['threshold', 'zeros', 'rounding']);
  });
});
