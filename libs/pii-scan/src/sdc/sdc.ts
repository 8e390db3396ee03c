/**
 * Statistical disclosure control for tables researchers want to export (CSV): minimum threshold, zeros,
 * rounding (OpenSAFELY: redact <= 7 then round to 5; midpoint-6 recognised), and, with ACRO-style per-cell
 * evidence, the p% rule, the N-K dominance rule and residual degrees of freedom. Defaults equal ACRO's.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../formats/csv';

export type SdcStatus = 'pass' | 'fail' | 'review';
export type SdcCheckName = 'threshold' | 'zeros' | 'rounding' | 'p-ratio' | 'nk-rule' | 'dof';

export interface SdcCheck {
  name: SdcCheckName;
  status: SdcStatus;
  /** [row, column], 1-based data rows (header excluded) and 1-based columns as in the file. */
  cells: [number, number][];
  message: string;
}

export interface SdcTableResult {
  path: string;
  status: SdcStatus;
  checks: SdcCheck[];
}

export interface SdcOptions {
  /** Minimum cell count (ACRO safe_threshold). Cells with 0 < n < threshold fail. Default 10. */
  threshold: number;
  /** Zero counts are disclosive (ACRO zeros_are_disclosive). Default true. */
  zerosDisclosive: boolean;
  /** Require counts rounded to this base (OpenSAFELY: 5). Default null: rounding not required. */
  roundTo: number | null;
  /** When rounding is required, non-zero counts at or below this must have been redacted (OpenSAFELY: 7). */
  redactAt: number;
  /** p% rule (ACRO safe_pratio_p). Default 0.10. */
  p: number;
  /** N-K rule: n largest contributions (ACRO safe_nk_n). Default 2. */
  nkN: number;
  /** N-K rule: share k (ACRO safe_nk_k). Default 0.9; a cell fails when topN/total >= k (ACRO v1). */
  nkK: number;
  /** Minimum residual degrees of freedom (ACRO safe_dof_threshold). Default 10. */
  dofThreshold: number;
  /** Treat these (1-based) columns as counts instead of detecting them. */
  countColumns?: number[] | null;
}

export const SDC_DEFAULTS: SdcOptions = { threshold: 10, zerosDisclosive: true, roundTo: null, redactAt: 7, p: 0.1, nkN: 2, nkK: 0.9, dofThreshold: 10, countColumns: null };

/** ACRO-style evidence for one cell, aggregated from the microdata behind it. */
export interface SdcEvidenceCell {
  row: number;
  column: number;
  count?: number;
  sum?: number;
  /** largest single contribution (x1) */
  max?: number;
  /** sum of the two largest contributions (x1 + x2) */
  top2Sum?: number;
  /** sum of the n largest contributions (n = nkN) */
  topNSum?: number;
  /** number of negative contributions */
  negative?: number;
  /** degrees of freedom for this cell (e.g. count - 1 for std) */
  dof?: number;
}

export interface SdcEvidence {
  cells?: SdcEvidenceCell[];
  /** Residual degrees of freedom of a regression output. */
  dof?: number | null;
}

/** Builds one cell's evidence from its raw contributions (useful in tests and in the TRE). */
export function evidenceFromContributions(row: number, column: number, values: readonly number[], nkN = 2): SdcEvidenceCell {
  const sorted = values.slice().sort((a, b) => b - a);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    row,
    column,
    count: values.length,
    sum,
    max: sorted[0] ?? 0,
    top2Sum: (sorted[0] ?? 0) + (sorted[1] ?? 0),
    topNSum: sorted.slice(0, nkN).reduce((a, b) => a + b, 0),
    negative: values.filter((x) => x < 0).length,
  };
}

const REDACTED = /^(\[?redacted\]?|<=?\s*\d+|<\s*\d+|\*+|suppressed|c|x|~|-|\.\.)$/i;
const MISSING = /^(|na|n\/a|nan|null|none)$/i;
const COUNT_HEADER = /(^|[^a-z])(n|count|counts|num|number|total|totals|freq|frequency|patients|cases|events|deaths|people|persons|admissions|population|denominator|numerator|records|individuals|subjects|participants|visits|births)([^a-z]|$)/i;
const LABEL_HEADER = /(^|[^a-z])(year|yr|age|ageband|code|id|date|month|week|day|group|category|band|decile|quintile|rank|region|practice|stp|icb|ccg|lsoa|msoa|imd|sex|gender|ethnicity|label|name|level)([^a-z]|$)/i;
const STAT_HEADER = /(mean|median|average|avg|sd|std|stdev|se|iqr|pct|percent|percentage|rate|ratio|prop|proportion|%|coef|estimate|beta|odds|hazard|ci|lower|upper|p_?value|pval)/i;

interface ColInfo {
  count: boolean;
  magnitude: boolean;
  midpoint6: boolean;
}

/** Runs every applicable check on one table (header row + data rows). */
export function runSdcChecks(table: string[][] | string, options: Partial<SdcOptions> = {}, evidence: SdcEvidence | null = null, path = ''): SdcTableResult {
  const o: SdcOptions = { ...SDC_DEFAULTS, ...options };
  validateOptions(o);
  const rows = typeof table === 'string' ? parseCsv(table).map((r) => r.fields) : table;
  const header = rows[0] ?? [];
  const data = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ''));
  const width = Math.max(header.length, ...data.map((r) => r.length));
  const cols: ColInfo[] = [];
  for (let c = 0; c < width; c++) cols.push(classifyColumn(header[c] ?? '', data.map((r) => (r[c] ?? '').trim()), c, o));

  const checks: SdcCheck[] = [];
  const countCells: { r: number; c: number; v: number }[] = [];
  const redactedCells: [number, number][] = [];
  data.forEach((r, ri) => {
    cols.forEach((ci, c) => {
      if (!ci.count) return;
      const raw = (r[c] ?? '').trim();
      if (REDACTED.test(raw)) redactedCells.push([ri + 1, c + 1]);
      const v = parseNum(raw);
      if (v !== null) countCells.push({ r: ri + 1, c: c + 1, v });
    });
  });
  const nCountCols = cols.filter((c) => c.count).length;
  const anyMagnitude = cols.some((c) => c.magnitude);

  // threshold
  if (nCountCols === 0) {
    checks.push({ name: 'threshold', status: 'review', cells: [], message: 'no count column detected: check small numbers manually' });
  } else {
    const low = countCells.filter((x) => x.v > 0 && x.v < o.threshold).map((x) => [x.r, x.c] as [number, number]);
    checks.push({
      name: 'threshold',
      status: low.length ? 'fail' : 'pass',
      cells: low,
      message: low.length ? `${low.length} cell(s) below the threshold of ${o.threshold} may need suppressing` : `all counts are 0 or at least ${o.threshold}` + (redactedCells.length ? ` (${redactedCells.length} already redacted)` : ''),
    });
  }
  // zeros
  {
    const zeros = countCells.filter((x) => x.v === 0).map((x) => [x.r, x.c] as [number, number]);
    const fail = o.zerosDisclosive && zeros.length > 0;
    checks.push({
      name: 'zeros',
      status: fail ? 'fail' : 'pass',
      cells: o.zerosDisclosive ? zeros : [],
      message: zeros.length === 0 ? 'no zero counts' : o.zerosDisclosive ? `${zeros.length} zero cell(s): zeros are disclosive under this policy` : `${zeros.length} zero cell(s): zeros are not disclosive under this policy`,
    });
  }
  // rounding
  if (o.roundTo === null) {
    checks.push({ name: 'rounding', status: 'pass', cells: [], message: 'rounding not required by this policy' });
  } else {
    const base = o.roundTo;
    const bad: [number, number][] = [];
    const small: [number, number][] = [];
    let mid6Cols = 0;
    for (const x of countCells) {
      const ci = cols[x.c - 1]!;
      if (ci.midpoint6) continue;
      if (x.v !== 0 && x.v <= o.redactAt) small.push([x.r, x.c]);
      else if (!Number.isInteger(x.v) || x.v % base !== 0) bad.push([x.r, x.c]);
    }
    cols.forEach((c) => c.count && c.midpoint6 && mid6Cols++);
    const cells = [...small, ...bad].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const parts: string[] = [];
    if (small.length) parts.push(`${small.length} unredacted count(s) of ${o.redactAt} or fewer`);
    if (bad.length) parts.push(`${bad.length} count(s) not rounded to the nearest ${base}`);
    if (mid6Cols) parts.push(`${mid6Cols} column(s) use midpoint-6 rounding`);
    checks.push({ name: 'rounding', status: cells.length ? 'fail' : 'pass', cells, message: parts.length ? parts.join('; ') : `all counts are multiples of ${base}` });
  }
  // dominance (p% and N-K) from evidence
  const ev = evidence?.cells ?? [];
  if (ev.length) {
    const pFail: [number, number][] = [];
    const nkFail: [number, number][] = [];
    const negative: [number, number][] = [];
    for (const e of ev) {
      const cell: [number, number] = [e.row, e.column];
      if ((e.negative ?? 0) > 0) {
        negative.push(cell);
        continue;
      }
      const sum = e.sum;
      if (sum === undefined) continue;
      if (e.max !== undefined && e.top2Sum !== undefined) {
        if (e.count === 1 && e.max > 0) pFail.push(cell);
        else if (e.max > 0 && sum > 0 && (sum - e.top2Sum) / e.max < o.p) pFail.push(cell);
      }
      if (e.topNSum !== undefined && sum > 0 && e.topNSum / sum >= o.nkK) nkFail.push(cell);
    }
    const dom = (name: 'p-ratio' | 'nk-rule', fails: [number, number][], rule: string): SdcCheck => {
      if (fails.length) return { name, status: 'fail', cells: fails, message: `${fails.length} cell(s) fail the ${rule}` + (negative.length ? `; ${negative.length} cell(s) with negative values need review` : '') };
      if (negative.length) return { name, status: 'review', cells: negative, message: `dominance not defined when negative values are present (${negative.length} cell(s))` };
      return { name, status: 'pass', cells: [], message: `no cell fails the ${rule}` };
    };
    checks.push(dom('p-ratio', pFail, `p% rule (p = ${o.p})`));
    checks.push(dom('nk-rule', nkFail, `N-K rule (n = ${o.nkN}, k = ${o.nkK})`));
  } else if (anyMagnitude) {
    const cells: [number, number][] = [];
    data.forEach((r, ri) => cols.forEach((c, ci) => c.magnitude && parseNum((r[ci] ?? '').trim()) !== null && cells.push([ri + 1, ci + 1])));
    const msg = 'magnitude statistics without per-cell evidence: dominance cannot be checked from the released table; supply evidence (--evidence) or review';
    checks.push({ name: 'p-ratio', status: 'review', cells, message: msg });
    checks.push({ name: 'nk-rule', status: 'review', cells, message: msg });
  }
  // degrees of freedom
  const dof = evidence?.dof ?? detectDof(header, data);
  const cellDof = ev.filter((e) => e.dof !== undefined);
  if (dof !== null && dof !== undefined) {
    const fail = dof < o.dofThreshold;
    checks.push({ name: 'dof', status: fail ? 'fail' : 'pass', cells: [], message: fail ? `residual degrees of freedom ${dof} < ${o.dofThreshold}` : `residual degrees of freedom ${dof} >= ${o.dofThreshold}` });
  } else if (cellDof.length) {
    const bad = cellDof.filter((e) => e.dof! < o.dofThreshold).map((e) => [e.row, e.column] as [number, number]);
    checks.push({ name: 'dof', status: bad.length ? 'fail' : 'pass', cells: bad, message: bad.length ? `${bad.length} cell(s) with degrees of freedom below ${o.dofThreshold}` : `all cells have at least ${o.dofThreshold} degrees of freedom` });
  }
  const status: SdcStatus = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'review') ? 'review' : 'pass';
  return { path, status, checks };
}

function validateOptions(o: SdcOptions): void {
  const pos = (n: number, name: string) => {
    if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a non-negative number`);
  };
  pos(o.threshold, 'threshold');
  pos(o.p, 'p');
  pos(o.nkK, 'nkK');
  pos(o.dofThreshold, 'dofThreshold');
  pos(o.redactAt, 'redactAt');
  if (o.roundTo !== null && (!Number.isInteger(o.roundTo) || o.roundTo < 1)) throw new RangeError('roundTo must be a positive integer');
  if (!Number.isInteger(o.nkN) || o.nkN < 1) throw new RangeError('nkN must be a positive integer');
}

function parseNum(s: string): number | null {
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s.replace(/,/g, ''))) return null;
  return +s.replace(/,/g, '');
}

function classifyColumn(header: string, values: string[], idx: number, o: SdcOptions): ColInfo {
  const forced = o.countColumns ?? null;
  const nums = values.map(parseNum);
  const present = nums.filter((x): x is number => x !== null);
  const onlyNumsOrRedacted = values.every((v, i) => nums[i] !== null || REDACTED.test(v) || MISSING.test(v));
  const allNonNegInt = present.every((x) => Number.isInteger(x) && x >= 0);
  const midpoint6 = present.length > 0 && allNonNegInt && present.every((x) => x === 0 || (x - 3) % 6 === 0) && (/midpoint6/i.test(header) || present.some((x) => x % 5 !== 0));
  if (forced) return { count: forced.includes(idx + 1), magnitude: false, midpoint6 };
  const info: ColInfo = { count: false, magnitude: false, midpoint6: false };
  if (present.length === 0 || !onlyNumsOrRedacted) return info;
  const h = header.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (STAT_HEADER.test(h) && !COUNT_HEADER.test(h.replace(STAT_HEADER, ''))) {
    info.magnitude = true;
    return info;
  }
  const countish = COUNT_HEADER.test(h);
  if (!allNonNegInt) {
    info.magnitude = true;
    return info;
  }
  if (!countish && LABEL_HEADER.test(h)) return info;
  if (!countish && idx === 0 && present.every((x) => x >= 1900 && x <= 2100)) return info;
  if (!countish && present.length > 1 && present.every((x) => x >= 1900 && x <= 2100) && /year|yr/i.test(h)) return info;
  info.count = true;
  info.midpoint6 = midpoint6 || /midpoint6/i.test(header);
  return info;
}

/** Residual dof from a regression table: a "df_resid"/"dof" column or a "Df Residuals" row. */
function detectDof(header: string[], data: string[][]): number | null {
  const hi = header.findIndex((h) => /^(df_?resid|dof|df_residuals|residual_?df|df)$/i.test(h.trim()));
  if (hi >= 0) {
    const v = parseNum((data[0]?.[hi] ?? '').trim());
    if (v !== null) return v;
  }
  for (const r of data) {
    const i = r.findIndex((c) => /^(df residuals|df_resid|residual df|dof)$/i.test(c.trim().replace(/:$/, '')));
    if (i >= 0) {
      const v = parseNum((r[i + 1] ?? '').trim());
      if (v !== null) return v;
    }
  }
  return null;
}

/** Reads an evidence file: either one evidence object, or {"tables": {"<path or basename>": evidence}}. */
export function loadEvidence(path: string): { forTable(tablePath: string): SdcEvidence | null } {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const norm = (e: unknown): SdcEvidence => {
    const o = (e ?? {}) as Record<string, unknown>;
    const cells = Array.isArray(o.cells) ? (o.cells as Record<string, unknown>[]).map(normCell) : undefined;
    const dof = typeof o.dof === 'number' ? o.dof : typeof o.DoF === 'number' ? (o.DoF as number) : null;
    return { cells, dof };
  };
  if (raw.tables && typeof raw.tables === 'object') {
    const tables = raw.tables as Record<string, unknown>;
    return {
      forTable(p: string) {
        const base = p.split(/[\\/]/).pop()!;
        const hit = tables[p] ?? tables[base];
        return hit === undefined ? null : norm(hit);
      },
    };
  }
  const single = norm(raw);
  return { forTable: () => single };
}

function normCell(c: Record<string, unknown>): SdcEvidenceCell {
  const n = (...keys: string[]) => {
    for (const k of keys) if (typeof c[k] === 'number') return c[k] as number;
    return undefined;
  };
  const row = n('row');
  const column = n('column', 'col');
  if (row === undefined || column === undefined) throw new Error('evidence cell needs numeric "row" and "column"');
  return {
    row,
    column,
    count: n('count', 'count_table', 'n'),
    sum: n('sum'),
    max: n('max', 'largest'),
    top2Sum: n('top2Sum', 'top_2_sum', 'top2_sum'),
    topNSum: n('topNSum', 'top_n_sum', 'topn_sum'),
    negative: n('negative', 'num_negative', 'numNegative'),
    dof: n('dof', 'DoF'),
  };
}

/** OpenSAFELY/ehrQL rounding: values <= 7 become 0, then round to the nearest 5. Rejects negatives and non-integers. */
export function opensafelyRound(x: number, redactAt = 7, base = 5): number {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`not a count: ${x}`);
  if (x <= redactAt) return 0;
  return Math.round(x / base) * base;
}

/** Midpoint-6: x' = ceil(x/6)*6 - 3*[x != 0]. */
export function midpoint6(x: number): number {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`not a count: ${x}`);
  return x === 0 ? 0 : Math.ceil(x / 6) * 6 - 3;
}

/** Airlock's column detector: every value 0 or (x - 3) divisible by 6. */
export function isMidpoint6Column(values: readonly number[]): boolean {
  return values.every((x) => x === 0 || (x - 3) % 6 === 0);
}

/** Airlock's column detector: every value divisible by 5. */
export function isDivisibleBy5Column(values: readonly number[]): boolean {
  return values.every((x) => x % 5 === 0);
}
