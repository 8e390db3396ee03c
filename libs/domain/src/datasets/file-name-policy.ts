import { validationError } from '../errors/domain-error';

export const MAX_FILE_NAME_BYTES = 255;

export type FileNameProblem = 'empty' | 'absolute' | 'backslash' | 'traversal' | 'control_character' | 'too_long' | 'empty_segment' | 'duplicate';

const REASONS: Record<FileNameProblem, string> = {
  empty: 'is empty',
  absolute: 'is an absolute path',
  backslash: 'contains a backslash',
  traversal: 'contains a . or .. path segment',
  control_character: 'contains a control character',
  too_long: `is longer than ${MAX_FILE_NAME_BYTES} bytes`,
  empty_segment: 'contains an empty path segment (//)',
  duplicate: 'appears more than once (after Unicode normalisation)',
};

/** Normalises a relative file path (NFC) or says what is wrong with it. */
export function checkFileName(raw: string): { ok: true; name: string } | { ok: false; problem: FileNameProblem } {
  const name = raw.normalize('NFC');
  if (name.length === 0) return { ok: false, problem: 'empty' };
   
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return { ok: false, problem: 'control_character' };
  if (name.includes('\\')) return { ok: false, problem: 'backslash' };
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return { ok: false, problem: 'absolute' };
  const segments = name.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, problem: 'traversal' };
  if (segments.some((s) => s === '')) return { ok: false, problem: 'empty_segment' };
  if (new TextEncoder().encode(name).length > MAX_FILE_NAME_BYTES) return { ok: false, problem: 'too_long' };
  return { ok: true, name };
}

/**
 * Validates every name of a set of files, normalised to NFC; refuses the whole set on the first problem, naming
 * the file (by its position and as given) and the reason.
 */
export function normaliseFileNames(names: readonly string[], field = 'files'): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const checked = checkFileName(raw);
    const problem = checked.ok ? (seen.has(checked.name) ? 'duplicate' : null) : checked.problem;
    if (problem) {
      throw validationError('INVALID_FILE_NAME', `${field}[${i}].path: "${raw.slice(0, 300)}" ${REASONS[problem]}`, { field: `${field}[${i}].path`, problem });
    }
    const name = (checked as { name: string }).name;
    seen.add(name);
    return name;
  });
}
