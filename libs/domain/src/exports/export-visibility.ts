import type { ProjectRole } from '../users/roles';
import { EDITABLE_EXPORT_STATUSES, type ExportStatus } from './export-status';
import type { FileDecision } from './file-decision';

export interface ExportViewer {
  readonly userId: string;
  readonly roles: readonly ProjectRole[];
  readonly isPlatformAdmin: boolean;
}

/** Researchers see their own requests, checkers every submitted one, project admins all; a draft is its author's. */
export function canSeeExportRequest(viewer: ExportViewer, request: { requesterId: string; status: ExportStatus }): boolean {
  if (request.requesterId === viewer.userId || viewer.roles.includes('project_admin')) return true;
  return viewer.roles.includes('output_checker') && request.status !== 'draft';
}

/** Only the researcher who made a request changes it, and only while it is a draft, returned or blocked. */
export function canEditExportRequest(viewer: ExportViewer, request: { requesterId: string; status: ExportStatus }): boolean {
  return request.requesterId === viewer.userId && EDITABLE_EXPORT_STATUSES.includes(request.status);
}

/** Released files go to the requester and the project's admins; checkers approve them but do not take them out. */
export function canDownloadExport(viewer: ExportViewer, request: { requesterId: string }): boolean {
  return request.requesterId === viewer.userId || viewer.roles.includes('project_admin');
}

/** What of the review a viewer may see. `isEligibleChecker` comes from reviewEligibility for this request. */
export interface ReviewSight {
  /** Per-file decisions (the tally). */
  readonly tally: boolean;
  /** Other checkers' submitted votes and the list of reviews. */
  readonly othersVotes: boolean;
  /** Checker-only comments. */
  readonly internalComments: boolean;
}

/**
 * Blinding: a checker sees the tally, others' votes and checker-only comments only after submitting a review of
 * their own. The requester sees the tally and public comments; project admins see everything once submitted.
 */
export function reviewSight(viewer: ExportViewer, request: { requesterId: string }, isEligibleChecker: boolean, hasSubmittedAReview: boolean): ReviewSight {
  const admin = viewer.roles.includes('project_admin');
  const checkerAfterSubmitting = isEligibleChecker && hasSubmittedAReview;
  return {
    tally: admin || request.requesterId === viewer.userId || checkerAfterSubmitting,
    othersVotes: admin || checkerAfterSubmitting,
    internalComments: admin || checkerAfterSubmitting,
  };
}

/**
 * The output files a checker must vote on before submitting: those still undecided without their vote. Files that
 * others have already decided (a further checker resolving one conflict) need no vote from them.
 */
export function votesOwed(decisionsWithoutMe: ReadonlyMap<string, FileDecision>): string[] {
  return [...decisionsWithoutMe].filter(([, d]) => d === 'pending' || d === 'conflicted').map(([fileId]) => fileId);
}

/**
 * A request that failed after every output was approved failed in release (retry the copy); otherwise its checks
 * failed (run them again).
 */
export function failedStage(outputDecisions: readonly FileDecision[]): 'release' | 'checks' {
  return outputDecisions.length > 0 && outputDecisions.every((d) => d === 'approved') ? 'release' : 'checks';
}
