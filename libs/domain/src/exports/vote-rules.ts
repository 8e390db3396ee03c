import { type DomainError, validationError } from '../errors/domain-error';
import type { VoteDecision } from './file-decision';

/** The automated checks' verdict on one file. */
export type CheckOutcome = 'pass' | 'review' | 'fail';

/**
 * A comment is required wherever a careful checker would need to explain: going against the automated checks
 * (approving a failed file, rejecting a passed one), any file the checks flagged for review, and any request for
 * changes (the researcher must know what to change).
 */
export function commentRequired(decision: VoteDecision, outcome: CheckOutcome): boolean {
  if (outcome === 'review') return true;
  if (decision === 'approve') return outcome === 'fail';
  if (decision === 'reject') return outcome === 'pass';
  return true;
}

export function checkVoteComment(decision: VoteDecision, outcome: CheckOutcome, comment: string, field: string): DomainError | null {
  if (!commentRequired(decision, outcome) || comment.trim().length >= 3) return null;
  const why = outcome === 'review' ? 'the automated checks flagged this file for review'
    : decision === 'approve' ? 'you are approving a file whose automated checks failed'
      : decision === 'reject' ? 'you are rejecting a file whose automated checks passed'
        : 'the researcher needs to know what to change';
  return validationError('VOTE_COMMENT_REQUIRED', `${field}: a comment is required because ${why}`, { field });
}
