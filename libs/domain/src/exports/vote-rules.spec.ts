import { describe, expect, it } from 'vitest';
import { checkVoteComment, commentRequired, commentRequiredBecause, MIN_REQUIRED_COMMENT_LENGTH, voteCommentProblem } from './vote-rules';

describe('commentRequired', () => {
  it('asks for a reason when the checker goes against the checks, or the checks flagged the file', () => {
    expect(commentRequired('approve', 'pass')).toBe(false);
    expect(commentRequired('approve', 'fail')).toBe(true);
    expect(commentRequired('reject', 'fail')).toBe(false);
    expect(commentRequired('reject', 'pass')).toBe(true);
    expect(commentRequired('approve', 'review')).toBe(true);
    expect(commentRequired('request_changes', 'pass')).toBe(true);
  });

  it('treats a file not checked yet as flagged for review', () => {
    expect(commentRequiredBecause('approve', null)).toBe(commentRequiredBecause('approve', 'review'));
    expect(commentRequired('reject', null)).toBe(true);
  });

  it('says why', () => {
    expect(commentRequiredBecause('approve', 'fail')).toBe('you are approving a file whose automated checks failed');
    expect(commentRequiredBecause('reject', 'pass')).toBe('you are rejecting a file whose automated checks passed');
    expect(commentRequiredBecause('request_changes', 'pass')).toBe('the researcher needs to know what to change');
    expect(commentRequiredBecause('approve', 'pass')).toBeNull();
  });
});

describe('voteCommentProblem', () => {
  it('accepts a comment of the minimum length once trimmed, and refuses a shorter one', () => {
    const enough = 'x'.repeat(MIN_REQUIRED_COMMENT_LENGTH);
    expect(voteCommentProblem('approve', 'fail', `  ${enough}  `)).toBeNull();
    expect(voteCommentProblem('approve', 'fail', ` ${enough.slice(1)} `)).toBe('a comment is required because you are approving a file whose automated checks failed');
    expect(voteCommentProblem('approve', 'pass', '')).toBeNull();
  });
});

describe('checkVoteComment', () => {
  it('names the field and the reason when the comment is missing', () => {
    const e = checkVoteComment('approve', 'fail', '  ', 'votes[0].comment');
    expect(e?.code).toBe('VOTE_COMMENT_REQUIRED');
    expect(e?.message).toMatch(/^votes\[0\]\.comment: a comment is required because .*automated checks failed$/);
    expect(checkVoteComment('approve', 'fail', 'Counts are rounded to 5 already', 'c')).toBeNull();
  });
});
