import { describe, expect, it } from 'vitest';
import { canTransitionExport, EXPORT_ACTORS, EXPORT_STATUSES } from './export-status';

const withdrawable = ['draft', 'submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved', 'returned', 'blocked', 'failed'];
const invalidatable = ['submitted', 'checking', 'in_review', 'partially_reviewed', 'reviewed', 'approved'];

// Written out by hand, not derived from the table, so a changed row fails here.
const EXPECTED = new Set([
  'draft>submitted>requester', 'returned>submitted>requester', 'blocked>submitted>requester',
  'submitted>checking>system', 'checking>in_review>system', 'checking>blocked>system', 'checking>failed>system',
  'failed>submitted>requester', 'failed>submitted>project_admin',
  'in_review>partially_reviewed>system', 'in_review>reviewed>system', 'partially_reviewed>reviewed>system',
  'reviewed>approved>system', 'reviewed>returned>system', 'reviewed>rejected>system',
  'approved>releasing>system', 'releasing>released>system', 'releasing>failed>system', 'failed>releasing>project_admin',
  'released>revoked>project_admin', 'released>revoked>output_checker',
  ...invalidatable.map((s) => `${s}>returned>system`),
  ...withdrawable.map((s) => `${s}>withdrawn>requester`),
]);

describe('export request status machine', () => {
  it('allows exactly the expected (from, to, actor) triples', () => {
    for (const from of EXPORT_STATUSES) {for (const to of EXPORT_STATUSES) {for (const actor of EXPORT_ACTORS) {
      expect(canTransitionExport(from, to, actor), `${from} -> ${to} by ${actor}`).toBe(EXPECTED.has(`${from}>${to}>${actor}`));
    }}}
  });

  it('never lets a checker or an admin approve, and nothing leaves released except revocation', () => {
    for (const from of EXPORT_STATUSES) {
      expect(canTransitionExport(from, 'approved', 'output_checker')).toBe(false);
      expect(canTransitionExport(from, 'approved', 'project_admin')).toBe(false);
    }
    expect(EXPORT_STATUSES.filter((to) => EXPORT_ACTORS.some((a) => canTransitionExport('released', to, a)))).toEqual(['revoked']);
  });
});
