import { describe, expect, it } from 'vitest';
import { MAX_ADMINS_AT_PROJECT_CREATION, TEXT_LIMITS, tooLongMessage } from './input-limits';

describe('input limits', () => {
  // Written out so a change is deliberate: the API refuses longer text and the portal's forms say so before sending.
  it('are the documented limits', () => {
    expect(TEXT_LIMITS).toEqual({
      project: { name: 120, description: 2000 },
      dataset: { name: 120, description: 2000 },
      exportRequest: { title: 200, purpose: 4000, groupName: 120, groupContext: 4000, groupControls: 4000 },
      exportReview: { voteComment: 4000, publicComment: 4000, internalComment: 4000, revokeReason: 2000 },
      workspace: { name: 60 },
      audit: { actionFilter: 100 },
      user: { email: 254 },
    });
    expect(MAX_ADMINS_AT_PROJECT_CREATION).toBe(20);
  });

  it('are positive whole numbers', () => {
    const all = Object.values(TEXT_LIMITS).flatMap((fields) => Object.values(fields));
    expect(all.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  });

  it('word an over-long text the same way everywhere', () => {
    expect(tooLongMessage(120)).toBe('must be at most 120 characters');
  });
});
