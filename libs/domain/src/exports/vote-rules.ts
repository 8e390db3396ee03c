import { type DomainError, validationError } from '../errors/domain-error';
import type { VoteDecision } from './file-decision';

/** The automated checks' verdict on one file. */
export type CheckOutcome = 'pass' | 'review' | 'fail';

/** Where a comment is required, one shorter than this (after trimming) does not count. */
export const MIN_REQUIRED_COMMENT_LENGTH = 3;

/**
 * Why this vote needs a comment, or null when it does not. A comment is required wherever a careful checker would
 * need to explain: going against the automated checks (approving a failed file, rejecting a passed one), any file the
 * checks flagged for review, and any request for changes (the researcher must know what to change). A file not
 * checked yet (null) counts as flagged for review.
 */
export function commentRequiredBecause(decision: VoteDecision, outcome: CheckOutcome | null): string | null {
  const effective = outcome ?? 'review';
  if (effective === 'review') return 'the automated checks flagged this file for review';
  if (decision === 'approve') return effective === 'fail' ? 'you are approving a file whose automated checks failed' : null;
  if (decision === 'reject') return effective === 'pass' ? 'you are rejecting a file whose automated checks passed' : null;
  return 'the researcher needs to know what to change';
}

export function commentRequired(decision: VoteDecision, outcome: CheckOutcome | null): boolean {
  return commentRequiredBecause(decision, outcome) !== null;
}

/** What is wrong with a vote's comment ("a comment is required because …"), or null when it will do. */
export function voteCommentProblem(decision: VoteDecision, outcome: CheckOutcome | null, comment: string): string | null {
  const because = commentRequiredBecause(decision, outcome);
  if (because === null || comment.trim().length >= MIN_REQUIRED_COMMENT_LENGTH) return null;
  return `a comment is required because ${because}`;
}

export function checkVoteComment(decision: VoteDecision, outcome: CheckOutcome | null, comment: string, field: string): DomainError | null {
  const problem = voteCommentProblem(decision, outcome, comment);
  return problem === null ? null : validationError('VOTE_COMMENT_REQUIRED', `${field}: ${problem}`, { field });
}
