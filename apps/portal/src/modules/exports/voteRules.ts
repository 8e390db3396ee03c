import type { CheckOutcome, VoteDecision } from './api/ExportRequest';

// The API's comment rule (libs/domain/src/exports/vote-rules.ts), mirrored so the form can say so before submitting.
// The API stays the authority; a file not checked yet counts as 'review', as it does there.

/** Why this vote needs a comment, or null when it does not. */
export function commentRequiredBecause(decision: VoteDecision, outcome: CheckOutcome | null): string | null {
  const effective = outcome ?? 'review';
  if (effective === 'review') return 'the automated checks flagged this file for review';
  if (decision === 'approve') return effective === 'fail' ? 'you are approving a file whose automated checks failed' : null;
  if (decision === 'reject') return effective === 'pass' ? 'you are rejecting a file whose automated checks passed' : null;
  return 'the researcher needs to know what to change';
}

/** The API wants at least this many characters where a comment is required. */
export const MIN_REQUIRED_COMMENT = 3;

/** The message to show under a vote's comment, or null when the comment is acceptable. */
export function voteCommentProblem(decision: VoteDecision, outcome: CheckOutcome | null, comment: string): string | null {
  const because = commentRequiredBecause(decision, outcome);
  if (because === null || comment.trim().length >= MIN_REQUIRED_COMMENT) return null;
  return `A comment is required because ${because}.`;
}
