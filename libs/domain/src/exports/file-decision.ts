import type { ExportFileRole } from './export-checks';

/** A checker's verdict on one output file. */
export const VOTE_DECISIONS = ['approve', 'request_changes', 'reject'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

/** Where one output file stands once the submitted votes are counted. */
export type FileDecision = 'pending' | 'approved' | 'conflicted' | 'changes_requested' | 'rejected';

/**
 * Counts submitted votes on one output file (one vote per distinct eligible checker, as countedVotes gives them).
 * N approvals approve it. A split among the first N is a conflict that a further checker resolves: once more
 * than N have voted, the file is approved only with N approvals, otherwise the majority of the rest decides.
 */
export function decideFile(votes: readonly VoteDecision[], required: number): FileDecision {
  const approvals = votes.filter((v) => v === 'approve').length;
  const rejections = votes.filter((v) => v === 'reject').length;
  const changes = votes.length - approvals - rejections;
  if (approvals >= required) return 'approved';
  if (votes.length < required) return 'pending';
  if (approvals === 0) return rejections > changes ? 'rejected' : 'changes_requested';
  if (votes.length === required) return 'conflicted';
  if (approvals >= rejections + changes) return 'conflicted';
  return rejections > changes ? 'rejected' : 'changes_requested';
}

/** A checker's vote on one file, in the round it was cast. */
export interface CastVote {
  readonly fileId: string;
  readonly reviewerId: string;
  readonly round: number;
  readonly decision: VoteDecision;
}

/** A checker's review of one round; its votes count once it is submitted. */
export interface RoundReview {
  readonly reviewerId: string;
  readonly round: number;
  readonly submittedAt: Date | null;
}

/**
 * The votes that count on each file: one per checker, only from reviews that checker has submitted (blinding: a
 * draft vote counts for nothing and is seen by nobody else), never the requester's.
 */
export function countedVotes(
  request: { readonly requesterId: string }, files: readonly { readonly id: string }[], votes: readonly CastVote[], reviews: readonly RoundReview[],
): Map<string, VoteDecision[]> {
  const submitted = new Set(reviews.filter((r) => r.submittedAt).map((r) => `${r.reviewerId}:${r.round}`));
  const byFile = new Map<string, VoteDecision[]>(files.map((f) => [f.id, []]));
  for (const v of votes) {
    if (v.reviewerId === request.requesterId || !submitted.has(`${v.reviewerId}:${v.round}`)) continue;
    byFile.get(v.fileId)?.push(v.decision);
  }
  return byFile;
}

/** Where each output file stands from its counted votes (supporting files are never decided: they do not leave). */
export function fileDecisions(
  request: { readonly requesterId: string; readonly checkersRequired: number },
  files: readonly { readonly id: string; readonly role: ExportFileRole }[], votes: readonly CastVote[], reviews: readonly RoundReview[],
): Map<string, FileDecision> {
  const counted = countedVotes(request, files, votes, reviews);
  return new Map(files.filter((f) => f.role === 'output').map((f) => [f.id, decideFile(counted.get(f.id) ?? [], request.checkersRequired)]));
}

/** What happens to the whole request once every required review is in. */
export type RequestOutcome = 'awaiting_reviews' | 'approved' | 'returned' | 'rejected';

export function decideRequest(fileDecisions: readonly FileDecision[]): RequestOutcome {
  if (fileDecisions.length === 0) return 'awaiting_reviews';
  if (fileDecisions.some((d) => d === 'pending' || d === 'conflicted')) return 'awaiting_reviews';
  if (fileDecisions.every((d) => d === 'approved')) return 'approved';
  if (fileDecisions.every((d) => d === 'rejected')) return 'rejected';
  // Some files can go, others need changes or must be removed: the researcher decides what to resubmit.
  return 'returned';
}
