import { open, readFile } from 'node:fs/promises';
import {
  type CheckResult, extensionOfPath, type ExportFileRole, fileTypeCheck, isArchivePath, rowsCheck, sizeCheck, type TierPolicy,
} from '@cloister/domain';
import { detectFormat, parseCsv, runSdcChecks, scanFile } from '@cloister/pii-scan';
import type { StoredFinding, StoredFindings } from '@cloister/persistence';
import { listZip } from './zip-listing';

/**
 * Identifiers whose checksum validator passed are near-certain: an output holding one fails outright (even a number
 * in a test range, which scores lower, is refused until a checker explains it).
 */
const VALIDATED_ENTITIES = new Set(['UK_NHS', 'UK_NINO', 'US_SSN', 'CREDIT_CARD', 'IBAN_CODE', 'MEDICAL_RECORD_NUMBER', 'KNOWN_IDENTIFIER']);
const VALIDATOR_PASSED = /validator=[^;]*:pass/;
const FAIL_SCORE = 0.5;
/** More than this many times the tier's file limit unpacked, or this compression ratio, is treated as a zip bomb. */
const BOMB_EXPANSION = 10;
const BOMB_RATIO = 100;
const MAX_STORED_FINDINGS = 500;
const TEXT_FORMATS = new Set(['text', 'markdown', 'json', 'jsonl', 'notebook', 'csv', 'tsv', 'parquet', 'xlsx']);
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'svg', 'pdf']);

export interface Inspection {
  readonly checks: CheckResult[];
  readonly findings: StoredFindings;
}

/**
 * Runs every automated check on one frozen file (already on local disk): the tier's type, size and row limits,
 * the PII scan (per cell for tables), disclosure control for tables, notebook outputs, and archive contents.
 */
export async function inspectExportFile(localPath: string, file: { path: string; role: ExportFileRole; size: number }, policy: TierPolicy): Promise<Inspection> {
  const checks: CheckResult[] = [fileTypeCheck(file.path, file.role, policy), sizeCheck(file.size, policy)];
  let pii: StoredFinding[] = [];
  let cells: StoredFindings['cells'] = [];
  let archiveEntries: string[] = [];
  const ext = extensionOfPath(file.path);
  const format = detectFormat(file.path);

  if (isArchivePath(file.path)) {
    const listing = await inspectArchive(localPath, file.path, file.size, policy);
    checks.push(listing.check);
    archiveEntries = listing.entries;
  } else if (TEXT_FORMATS.has(format)) {
    const scan = await scanFile(localPath, { format });
    if (scan.error) checks.push({ name: 'pii', outcome: 'review', hard: false, message: `the scanner could not read the whole file: ${scan.error}` });
    pii = scan.findings.slice(0, MAX_STORED_FINDINGS).map((f) => ({ entity: f.entity, score: f.score, line: f.line, column: f.column, row: f.row, field: f.field, start: f.start, end: f.end }));
    checks.push(piiCheck(scan.findings, scan.findings.length));
    if (format === 'csv' || format === 'tsv') {
      const text = await readFile(localPath, 'utf8');
      const table = parseCsv(text, format === 'tsv' ? '\t' : undefined).map((r) => r.fields);
      checks.push(rowsCheck(Math.max(0, table.length - 1), policy));
      const sdc = runSdcChecks(table, { threshold: Math.max(1, policy.disclosure.threshold), zerosDisclosive: policy.disclosure.zerosDisclosive, roundTo: policy.disclosure.roundTo });
      cells = sdc.checks.flatMap((c) => (c.status === 'pass' ? [] : c.cells.map(([row, column]) => ({ row, column, check: c.name }))));
      const failing = sdc.checks.filter((c) => c.status !== 'pass');
      checks.push({
        name: 'disclosure', outcome: sdc.status === 'fail' ? 'fail' : sdc.status === 'review' ? 'review' : 'pass', hard: false,
        message: failing.length ? failing.map((c) => `${c.name}: ${c.message}`).join('; ') : 'every disclosure check passed',
      });
    }
    if (format === 'notebook') checks.push(await notebookCheck(localPath));
  } else if (IMAGE_EXTENSIONS.has(ext)) {
    checks.push({ name: 'pii', outcome: 'review', hard: false, message: `.${ext} files are not scanned automatically: check them by eye` });
  } else {
    checks.push({ name: 'pii', outcome: 'review', hard: false, message: 'this file type is not scanned automatically' });
  }
  return { checks, findings: { pii, cells, archiveEntries } };
}

function piiCheck(findings: readonly { entity: string; score: number; evidence: string }[], count: number): CheckResult {
  if (!count) return { name: 'pii', outcome: 'pass', hard: false, message: 'no personal identifiers found' };
  const byEntity = new Map<string, number>();
  for (const f of findings) byEntity.set(f.entity, (byEntity.get(f.entity) ?? 0) + 1);
  const summary = [...byEntity].map(([e, n]) => `${n} × ${e}`).join(', ');
  const certain = findings.some((f) => VALIDATED_ENTITIES.has(f.entity) && f.score >= FAIL_SCORE && (f.entity === 'KNOWN_IDENTIFIER' || VALIDATOR_PASSED.test(f.evidence)));
  return { name: 'pii', outcome: certain ? 'fail' : 'review', hard: false, message: `possible identifiers: ${summary}` };
}

async function notebookCheck(localPath: string): Promise<CheckResult> {
  try {
    const nb = JSON.parse(await readFile(localPath, 'utf8')) as { cells?: { cell_type?: string; outputs?: unknown[] }[] };
    const withOutputs = (nb.cells ?? []).filter((c) => c.cell_type === 'code' && (c.outputs?.length ?? 0) > 0).length;
    return withOutputs
      ? { name: 'notebook', outcome: 'review', hard: false, message: `${withOutputs} code cell(s) carry outputs, which were scanned with the code; check them` }
      : { name: 'notebook', outcome: 'pass', hard: false, message: 'no cell outputs' };
  } catch {
    return { name: 'notebook', outcome: 'fail', hard: false, message: 'the notebook is not valid JSON' };
  }
}

async function inspectArchive(localPath: string, originalPath: string, size: number, policy: TierPolicy): Promise<{ check: CheckResult; entries: string[] }> {
  const handle = await open(localPath, 'r');
  try {
    if (extensionOfPath(originalPath) !== 'zip' || !(await isZip(handle))) {
      return { check: { name: 'archive', outcome: 'fail', hard: true, message: 'only zip archives can be inspected; other archive types are refused' }, entries: [] };
    }
    const listing = await listZip(handle, size);
    const names = listing.entries.map((e) => e.name);
    if (listing.suspicious) return { check: { name: 'archive', outcome: 'fail', hard: true, message: listing.suspicious }, entries: names };
    const ratio = size > 0 ? listing.totalUncompressed / size : 0;
    if (listing.totalUncompressed > BOMB_EXPANSION * policy.maxExportFileBytes || ratio > BOMB_RATIO) {
      return { check: { name: 'archive', outcome: 'fail', hard: true, message: `refused as a possible zip bomb: ${listing.totalUncompressed} bytes unpacked from ${size} (ratio ${ratio.toFixed(0)})` }, entries: names };
    }
    const nested = names.filter((n) => isArchivePath(n));
    return {
      check: nested.length
        ? { name: 'archive', outcome: 'review', hard: false, message: `${names.length} entries, including nested archives: ${nested.slice(0, 5).join(', ')}` }
        : { name: 'archive', outcome: 'review', hard: false, message: `${names.length} entries; archive contents are listed, not scanned` },
      entries: names,
    };
  } finally {
    await handle.close();
  }
}

async function isZip(handle: Awaited<ReturnType<typeof open>>): Promise<boolean> {
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0);
  return head.readUInt32LE(0) === 0x04034b50;
}
