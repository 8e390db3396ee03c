import type { ProjectRole } from '../users/roles';

export type ReviewRefusal = 'not_output_checker' | 'requester' | 'contributor' | 'platform_admin_only';

/** Who an export request involves, as far as separation of duties is concerned. */
export interface ExportRequestParties {
  readonly requesterId: string;
  /** Everyone who staged or changed a file in the request. */
  readonly contributorIds: readonly string[];
}

/** A request holds only its requester's own staged files, so the requester is its one contributor. */
export const exportRequestParties = (request: { readonly requesterId: string }): ExportRequestParties => ({
  requesterId: request.requesterId, contributorIds: [request.requesterId],
});

/**
 * May this person review this export request? Only the project's output checkers, never the requester or anyone
 * who contributed files — whatever other roles they hold. Platform admins review nothing unless they are also
 * output checkers of the project.
 */
export function reviewEligibility(reviewer: { userId: string; roles: readonly ProjectRole[]; isPlatformAdmin: boolean }, request: ExportRequestParties): { ok: true } | { ok: false; reason: ReviewRefusal } {
  if (!reviewer.roles.includes('output_checker')) return { ok: false, reason: reviewer.isPlatformAdmin ? 'platform_admin_only' : 'not_output_checker' };
  if (reviewer.userId === request.requesterId) return { ok: false, reason: 'requester' };
  if (request.contributorIds.includes(reviewer.userId)) return { ok: false, reason: 'contributor' };
  return { ok: true };
}

/** The distinct eligible reviewers that have approved; an approval counts once per person. */
export function distinctApprovals(approverIds: readonly string[], request: ExportRequestParties): number {
  return new Set(approverIds.filter((id) => id !== request.requesterId && !request.contributorIds.includes(id))).size;
}
