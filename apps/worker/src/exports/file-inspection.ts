import { open, readFile } from 'node:fs/promises';
import {
  type ArchiveContents, archiveCheck, type CheckResult, extensionOfPath, type ExportFileRole, fileTypeCheck, isArchivePath, notebookCheck, piiCheck,
  rowsCheck, sizeCheck, type TierPolicy,
} from '@cloister/domain';
import { detectFormat, parseCsv, runSdcChecks, scanFile } from '@cloister/pii-scan';
import type { StoredFinding, StoredFindings } from '@cloister/persistence';
import { listZip } from './zip-listing';

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
    const contents = await readArchiveContents(localPath, file.path, file.size);
    checks.push(archiveCheck(contents, file.size, policy));
    archiveEntries = [...(contents?.names ?? [])];
  } else if (TEXT_FORMATS.has(format)) {
    const scan = await scanFile(localPath, { format });
    if (scan.error) checks.push({ name: 'pii', outcome: 'review', hard: false, message: `the scanner could not read the whole file: ${scan.error}` });
    pii = scan.findings.slice(0, MAX_STORED_FINDINGS).map((f) => ({ entity: f.entity, score: f.score, line: f.line, column: f.column, row: f.row, field: f.field, start: f.start, end: f.end }));
    checks.push(piiCheck(scan.findings));
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
    if (format === 'notebook') checks.push(notebookCheck(await codeCellsWithOutputs(localPath)));
  } else if (IMAGE_EXTENSIONS.has(ext)) {
    checks.push({ name: 'pii', outcome: 'review', hard: false, message: `.${ext} files are not scanned automatically: check them by eye` });
  } else {
    checks.push({ name: 'pii', outcome: 'review', hard: false, message: 'this file type is not scanned automatically' });
  }
  return { checks, findings: { pii, cells, archiveEntries } };
}

/** How many code cells carry outputs, or null when the notebook is not JSON. */
async function codeCellsWithOutputs(localPath: string): Promise<number | null> {
  try {
    const nb = JSON.parse(await readFile(localPath, 'utf8')) as { cells?: { cell_type?: string; outputs?: unknown[] }[] };
    return (nb.cells ?? []).filter((c) => c.cell_type === 'code' && (c.outputs?.length ?? 0) > 0).length;
  } catch {
    return null;
  }
}

/** The zip's declared table of contents, or null when it is not a zip (the only kind that can be listed). */
async function readArchiveContents(localPath: string, originalPath: string, size: number): Promise<ArchiveContents | null> {
  const handle = await open(localPath, 'r');
  try {
    if (extensionOfPath(originalPath) !== 'zip' || !(await isZip(handle))) return null;
    const listing = await listZip(handle, size);
    return { names: listing.entries.map((e) => e.name), totalUncompressed: listing.totalUncompressed, suspicious: listing.suspicious };
  } finally {
    await handle.close();
  }
}

async function isZip(handle: Awaited<ReturnType<typeof open>>): Promise<boolean> {
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0);
  return head.readUInt32LE(0) === 0x04034b50;
}
