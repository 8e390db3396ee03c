import { describe, expect, it } from 'vitest';
import { decideFile, decideRequest } from './file-decision';

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
