import type { TierPolicy } from '../projects/tier-policy';
import type { CheckOutcome } from './vote-rules';
import { entityLabel } from './check-labels';

/** An output is released; a supporting file is reviewed for context and never leaves. */
export const EXPORT_FILE_ROLES = ['output', 'supporting'] as const;
export type ExportFileRole = (typeof EXPORT_FILE_ROLES)[number];

export type CheckName = 'integrity' | 'file_type' | 'size' | 'rows' | 'archive' | 'pii' | 'disclosure' | 'notebook';

/** One automated check on one file. A `hard` failure blocks the whole request; others go to the checkers. */
export interface CheckResult {
  readonly name: CheckName;
  readonly outcome: CheckOutcome;
  readonly hard: boolean;
  readonly message: string;
}

const ARCHIVE_EXTENSIONS = new Set(['zip', 'gz', 'tgz', 'tar', 'bz2', 'xz', '7z', 'rar', 'jar']);

export function extensionOfPath(path: string): string {
  const name = path.split('/').pop() ?? path;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export const isArchivePath = (path: string) => ARCHIVE_EXTENSIONS.has(extensionOfPath(path));

/** Outputs must be of a type the tier allows; supporting files are never released, so any type may support. */
export function fileTypeCheck(path: string, role: ExportFileRole, policy: TierPolicy): CheckResult {
  const ext = extensionOfPath(path);
  if (role === 'supporting') return { name: 'file_type', outcome: 'pass', hard: false, message: `supporting file (.${ext || 'no extension'}), never released` };
  if (isArchivePath(path) && !policy.archivesAllowed) {
    return { name: 'file_type', outcome: 'fail', hard: true, message: `archives (.${ext}) are not allowed out of a tier ${policy.tier} project` };
  }
  if (!policy.allowedExportExtensions.includes(ext)) {
    return {
      name: 'file_type', outcome: 'fail', hard: true,
      message: `.${ext || '(none)'} files may not leave a tier ${policy.tier} project; allowed: ${policy.allowedExportExtensions.map((e) => `.${e}`).join(', ')}`,
    };
  }
  return { name: 'file_type', outcome: 'pass', hard: false, message: `.${ext} is allowed for tier ${policy.tier}` };
}

export function sizeCheck(bytes: number, policy: TierPolicy): CheckResult {
  return bytes > policy.maxExportFileBytes
    ? { name: 'size', outcome: 'fail', hard: true, message: `${bytes} bytes is over the tier ${policy.tier} limit of ${policy.maxExportFileBytes}` }
    : { name: 'size', outcome: 'pass', hard: false, message: `${bytes} bytes, within the limit of ${policy.maxExportFileBytes}` };
}

export function rowsCheck(rows: number, policy: TierPolicy): CheckResult {
  return rows > policy.maxExportRows
    ? { name: 'rows', outcome: 'fail', hard: true, message: `${rows} rows is over the tier ${policy.tier} limit of ${policy.maxExportRows}` }
    : { name: 'rows', outcome: 'pass', hard: false, message: `${rows} rows, within the limit of ${policy.maxExportRows}` };
}

/** The worst outcome wins: any failure fails the file, else any flag sends it to review. */
export function overallOutcome(checks: readonly CheckResult[]): CheckOutcome {
  if (checks.some((c) => c.outcome === 'fail')) return 'fail';
  if (checks.some((c) => c.outcome === 'review')) return 'review';
  return 'pass';
}

export const hardFailures = (checks: readonly CheckResult[]) => checks.filter((c) => c.hard && c.outcome === 'fail');

/**
 * Identifiers whose checksum validator passed are near-certain: an output holding one fails outright (even a number
 * in a test range, which scores lower, is refused until a checker explains it).
 */
const VALIDATED_ENTITIES = new Set(['UK_NHS', 'UK_NINO', 'US_SSN', 'CREDIT_CARD', 'IBAN_CODE', 'MEDICAL_RECORD_NUMBER', 'KNOWN_IDENTIFIER']);
const VALIDATOR_PASSED = /validator=[^;]*:pass/;
const PII_FAIL_SCORE = 0.5;

/** What the PII scanner reported for one match: the entity, its score and the evidence naming its validator. */
export interface PiiFindingVerdictInput {
  readonly entity: string;
  readonly score: number;
  readonly evidence: string;
}

/** No identifiers pass; validated ones fail; anything else possible goes to the checkers. */
export function piiCheck(findings: readonly PiiFindingVerdictInput[]): CheckResult {
  if (!findings.length) return { name: 'pii', outcome: 'pass', hard: false, message: 'no personal identifiers found' };
  const byEntity = new Map<string, number>();
  for (const f of findings) byEntity.set(f.entity, (byEntity.get(f.entity) ?? 0) + 1);
  const summary = [...byEntity].map(([e, n]) => `${n} × ${entityLabel(e)}`).join(', ');
  const certain = findings.some((f) => VALIDATED_ENTITIES.has(f.entity) && f.score >= PII_FAIL_SCORE && (f.entity === 'KNOWN_IDENTIFIER' || VALIDATOR_PASSED.test(f.evidence)));
  return { name: 'pii', outcome: certain ? 'fail' : 'review', hard: false, message: `possible identifiers: ${summary}` };
}

/** More than this many times the tier's file limit unpacked, or this compression ratio, is treated as a zip bomb. */
const BOMB_EXPANSION = 10;
const BOMB_RATIO = 100;

/** An archive's table of contents as it declares itself (nothing unpacked). */
export interface ArchiveContents {
  readonly names: readonly string[];
  readonly totalUncompressed: number;
  /** Why the declared sizes cannot be trusted (Zip64, a malformed directory), or null. */
  readonly suspicious: string | null;
}

/**
 * Only zip archives can be listed (`contents` null: any other kind, refused). A listing that cannot be trusted or
 * that would unpack to a bomb blocks the request; otherwise a checker looks at the listed contents.
 */
export function archiveCheck(contents: ArchiveContents | null, archiveBytes: number, policy: TierPolicy): CheckResult {
  if (!contents) return { name: 'archive', outcome: 'fail', hard: true, message: 'only zip archives can be inspected; other archive types are refused' };
  if (contents.suspicious) return { name: 'archive', outcome: 'fail', hard: true, message: contents.suspicious };
  const ratio = archiveBytes > 0 ? contents.totalUncompressed / archiveBytes : 0;
  if (contents.totalUncompressed > BOMB_EXPANSION * policy.maxExportFileBytes || ratio > BOMB_RATIO) {
    return { name: 'archive', outcome: 'fail', hard: true, message: `refused as a possible zip bomb: ${contents.totalUncompressed} bytes unpacked from ${archiveBytes} (ratio ${ratio.toFixed(0)})` };
  }
  const nested = contents.names.filter((n) => isArchivePath(n));
  return nested.length
    ? { name: 'archive', outcome: 'review', hard: false, message: `${contents.names.length} entries, including nested archives: ${nested.slice(0, 5).join(', ')}` }
    : { name: 'archive', outcome: 'review', hard: false, message: `${contents.names.length} entries; archive contents are listed, not scanned` };
}

/** Notebook outputs were scanned with the code but a checker must look at them; `null`: the notebook is not JSON. */
export function notebookCheck(codeCellsWithOutputs: number | null): CheckResult {
  if (codeCellsWithOutputs === null) return { name: 'notebook', outcome: 'fail', hard: false, message: 'the notebook is not valid JSON' };
  return codeCellsWithOutputs
    ? { name: 'notebook', outcome: 'review', hard: false, message: `${codeCellsWithOutputs} code cell(s) carry outputs, which were scanned with the code; check them` }
    : { name: 'notebook', outcome: 'pass', hard: false, message: 'no cell outputs' };
}
