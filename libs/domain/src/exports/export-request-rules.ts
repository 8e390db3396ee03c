import { validationError } from '../errors/domain-error';
import type { ExportFileRole } from './export-checks';

export interface RequestedFile {
  readonly stagedOutputId: string;
  readonly role: ExportFileRole;
}

export interface RequestedGroup {
  readonly name: string;
  readonly files: readonly RequestedFile[];
}

/** A request must release something, and a staged file appears in it once. */
export function checkRequestComposition(groups: readonly RequestedGroup[]): void {
  const seen = new Map<string, string>();
  groups.forEach((g, gi) => {
    g.files.forEach((f, fi) => {
      const field = `groups[${gi}].files[${fi}].stagedOutputId`;
      if (seen.has(f.stagedOutputId)) {
        throw validationError('EXPORT_FILE_DUPLICATED', `${field}: this file is already in the request at ${seen.get(f.stagedOutputId)}`, { field });
      }
      seen.set(f.stagedOutputId, field);
    });
  });
  const names = new Set<string>();
  groups.forEach((g, gi) => {
    const key = g.name.trim().toLowerCase();
    if (names.has(key)) throw validationError('EXPORT_GROUP_DUPLICATED', `groups[${gi}].name: two groups are called "${g.name}"`, { field: `groups[${gi}].name` });
    names.add(key);
  });
  if (!groups.some((g) => g.files.some((f) => f.role === 'output'))) {
    throw validationError('EXPORT_NEEDS_OUTPUT', 'groups: a request needs at least one file with role "output"', { field: 'groups' });
  }
}
