/** A checker's verdict on one output file. */
export const VOTE_DECISIONS = ['approve', 'request_changes', 'reject'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

/** Where one output file stands once the submitted votes are counted. */
export type FileDecision = 'pending' | 'approved' | 'conflicted' | 'changes_requested' | 'rejected';

/**
 * Counts submitted votes on one output file (one vote per distinct eligible checker; the caller filters).
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
