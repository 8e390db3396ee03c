import type { TierPolicy } from '../projects/tier-policy';
import type { CheckOutcome } from './vote-rules';

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
