import { describe, expect, it } from 'vitest';
import { checkVoteComment, commentRequired } from './vote-rules';

describe('commentRequired', () => {
  it('asks for a reason when the checker goes against the checks, or the checks flagged the file', () => {
    expect(commentRequired('approve', 'pass')).toBe(false);
    expect(commentRequired('approve', 'fail')).toBe(true);
    expect(commentRequired('reject', 'fail')).toBe(false);
    expect(commentRequired('reject', 'pass')).toBe(true);
    expect(commentRequired('approve', 'review')).toBe(true);
    expect(commentRequired('request_changes', 'pass')).toBe(true);
  });
  it('names the field and the reason when the comment is missing', () => {
    const e = checkVoteComment('approve', 'fail', '  ', 'votes[0].comment');
    expect(e?.code).toBe('VOTE_COMMENT_REQUIRED');
    expect(e?.message).toMatch(/^votes\[0\]\.comment: .*automated checks failed/);
    expect(checkVoteComment('approve', 'fail', 'Counts are rounded to 5 already', 'c')).toBeNull();
  });
});
