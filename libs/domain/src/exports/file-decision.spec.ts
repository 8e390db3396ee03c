import { describe, expect, it } from 'vitest';
import { countedVotes, decideFile, decideRequest, fileDecisions, type RoundReview, type VoteDecision } from './file-decision';

describe('decideFile', () => {
  it('is pending until N checkers voted, unless N already approved', () => {
    expect(decideFile([], 2)).toBe('pending');
    expect(decideFile(['approve'], 2)).toBe('pending');
    expect(decideFile(['approve'], 1)).toBe('approved');
  });
  it('approves with N approvals and returns changes when nobody approved', () => {
    expect(decideFile(['approve', 'approve'], 2)).toBe('approved');
    expect(decideFile(['request_changes', 'reject'], 2)).toBe('changes_requested');
    expect(decideFile(['reject', 'reject'], 2)).toBe('rejected');
  });
  it('calls a split among the first N a conflict that a further checker resolves', () => {
    expect(decideFile(['approve', 'reject'], 2)).toBe('conflicted');
    expect(decideFile(['approve', 'reject', 'approve'], 2)).toBe('approved');
    expect(decideFile(['approve', 'reject', 'reject'], 2)).toBe('rejected');
    expect(decideFile(['approve', 'request_changes', 'request_changes'], 2)).toBe('changes_requested');
  });
  it('stays conflicted while approvals still hold their ground against the rest', () => {
    expect(decideFile(['approve', 'approve', 'reject', 'reject'], 3)).toBe('conflicted');
  });
});

describe('decideRequest', () => {
  it('waits for pending and conflicted files', () => {
    expect(decideRequest(['approved', 'conflicted'])).toBe('awaiting_reviews');
    expect(decideRequest(['pending'])).toBe('awaiting_reviews');
    expect(decideRequest([])).toBe('awaiting_reviews');
  });
  it('approves only when every output is approved, rejects only when every one is rejected', () => {
    expect(decideRequest(['approved', 'approved'])).toBe('approved');
    expect(decideRequest(['rejected', 'rejected'])).toBe('rejected');
    expect(decideRequest(['approved', 'rejected'])).toBe('returned');
    expect(decideRequest(['approved', 'changes_requested'])).toBe('returned');
  });
});

describe('countedVotes', () => {
  const request = { requesterId: 'req', checkersRequired: 2 };
  const vote = (fileId: string, reviewerId: string, decision: VoteDecision, round = 1) => ({ fileId, reviewerId, decision, round });
  const review = (reviewerId: string, submitted: boolean, round = 1): RoundReview => ({ reviewerId, round, submittedAt: submitted ? new Date() : null });

  it('counts only votes of submitted reviews, and never the requester', () => {
    const votes = [vote('f', 'c1', 'approve'), vote('f', 'c2', 'reject'), vote('f', 'req', 'approve')];
    const counted = countedVotes(request, [{ id: 'f' }], votes, [review('c1', true), review('c2', false), review('req', true)]);
    expect(counted.get('f')).toEqual(['approve']);
  });
  it('counts an earlier round only where that round was submitted', () => {
    const counted = countedVotes(request, [{ id: 'f' }], [vote('f', 'c1', 'approve', 1)], [review('c1', false, 1), review('c1', true, 2)]);
    expect(counted.get('f')).toEqual([]);
  });

  describe('fileDecisions', () => {
    it('decides outputs only, from the counted votes', () => {
      const files = [{ id: 'a', role: 'output' as const }, { id: 's', role: 'supporting' as const }];
      const decisions = fileDecisions(request, files, [vote('a', 'c1', 'approve'), vote('a', 'c2', 'request_changes')], [review('c1', true), review('c2', true)]);
      expect([...decisions]).toEqual([['a', 'conflicted']]);
    });
  });
});
