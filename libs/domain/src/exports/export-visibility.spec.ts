import { describe, expect, it } from 'vitest';
import { canDownloadExport, canEditExportRequest, canSeeExportRequest, failedStage, reviewSight, votesOwed } from './export-visibility';

const researcher = { userId: 'r', roles: ['researcher' as const], isPlatformAdmin: false };
const checker = { userId: 'c', roles: ['output_checker' as const], isPlatformAdmin: false };
const admin = { userId: 'a', roles: ['project_admin' as const], isPlatformAdmin: false };
const otherResearcher = { userId: 'o', roles: ['researcher' as const], isPlatformAdmin: false };

describe('export visibility', () => {
  it('shows a draft only to its author and admins, and nothing to other researchers', () => {
    expect(canSeeExportRequest(researcher, { requesterId: 'r', status: 'draft' })).toBe(true);
    expect(canSeeExportRequest(checker, { requesterId: 'r', status: 'draft' })).toBe(false);
    expect(canSeeExportRequest(checker, { requesterId: 'r', status: 'in_review' })).toBe(true);
    expect(canSeeExportRequest(admin, { requesterId: 'r', status: 'draft' })).toBe(true);
    expect(canSeeExportRequest(otherResearcher, { requesterId: 'r', status: 'released' })).toBe(false);
  });

  it('lets only the requester edit, and only a draft, returned or blocked request', () => {
    expect(canEditExportRequest(researcher, { requesterId: 'r', status: 'draft' })).toBe(true);
    expect(canEditExportRequest(researcher, { requesterId: 'r', status: 'returned' })).toBe(true);
    expect(canEditExportRequest(researcher, { requesterId: 'r', status: 'blocked' })).toBe(true);
    expect(canEditExportRequest(researcher, { requesterId: 'r', status: 'in_review' })).toBe(false);
    expect(canEditExportRequest(admin, { requesterId: 'r', status: 'draft' })).toBe(false);
  });

  it('lets the requester and project admins download, not checkers or other researchers', () => {
    expect(canDownloadExport(researcher, { requesterId: 'r' })).toBe(true);
    expect(canDownloadExport(admin, { requesterId: 'r' })).toBe(true);
    expect(canDownloadExport(checker, { requesterId: 'r' })).toBe(false);
    expect(canDownloadExport(otherResearcher, { requesterId: 'r' })).toBe(false);
  });

  it('blinds a checker until they submit; the requester sees the tally but never internal comments', () => {
    expect(reviewSight(checker, { requesterId: 'r' }, true, false)).toEqual({ tally: false, othersVotes: false, internalComments: false });
    expect(reviewSight(checker, { requesterId: 'r' }, true, true)).toEqual({ tally: true, othersVotes: true, internalComments: true });
    expect(reviewSight(researcher, { requesterId: 'r' }, false, false)).toEqual({ tally: true, othersVotes: false, internalComments: false });
    expect(reviewSight(admin, { requesterId: 'r' }, false, false)).toEqual({ tally: true, othersVotes: true, internalComments: true });
  });

  it('owes votes only on undecided files', () => {
    expect(votesOwed(new Map([['a', 'approved'], ['b', 'conflicted'], ['c', 'pending'], ['d', 'changes_requested']]))).toEqual(['b', 'c']);
  });

  it('tells a failed release from failed checks by the decisions', () => {
    expect(failedStage(['approved', 'approved'])).toBe('release');
    expect(failedStage(['approved', 'pending'])).toBe('checks');
    expect(failedStage([])).toBe('checks');
  });
});
