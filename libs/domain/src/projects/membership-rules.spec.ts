import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { assertCheckersWithinTier, assertKeepsAnAdmin, checkersAfterTierChange, checkersRequiredProblem, withRoles } from './membership-rules';

describe('membership rules', () => {
  const members = [{ userId: 'pi', roles: ['project_admin' as const] }, { userId: 'r', roles: ['researcher' as const] }];

  it('refuses to remove the last project admin', () => {
    expect(() => assertKeepsAnAdmin(withRoles(members, 'pi', []))).toThrow(expect.objectContaining({ code: 'LAST_PROJECT_ADMIN' }));
    expect(() => assertKeepsAnAdmin(withRoles(members, 'pi', ['researcher']))).toThrow(DomainError);
  });

  it('allows it once another admin exists', () => {
    const two = withRoles(members, 'r', ['researcher', 'project_admin']);
    expect(() => assertKeepsAnAdmin(withRoles(two, 'pi', []))).not.toThrow();
  });

  it('keeps tier 3 and above at two or more checkers', () => {
    expect(() => assertCheckersWithinTier(3, 1)).toThrow(expect.objectContaining({ code: 'CHECKERS_OUT_OF_RANGE' }));
    expect(() => assertCheckersWithinTier(3, 2)).not.toThrow();
    expect(() => assertCheckersWithinTier(1, 1)).not.toThrow();
    expect(() => assertCheckersWithinTier(4, 6)).toThrow(/between 2 and 5/);
  });

  it('words the checker bounds the same for the API error and a form', () => {
    expect(checkersRequiredProblem(3, 1)).toBe('tier 3 needs between 2 and 4 distinct output checkers, got 1');
    expect(checkersRequiredProblem(3, 2.5)).toBe('tier 3 needs between 2 and 4 distinct output checkers, got 2.5');
    expect(checkersRequiredProblem(1, 3)).toBeNull();
    expect(() => assertCheckersWithinTier(3, 1)).toThrow('checkersRequired: tier 3 needs between 2 and 4 distinct output checkers, got 1');
  });

  it('keeps the number of checkers across a tier change when the new tier allows it, else takes its default', () => {
    expect(checkersAfterTierChange(3, 3)).toBe(3);
    expect(checkersAfterTierChange(3, 1)).toBe(2);
    expect(checkersAfterTierChange(1, 4)).toBe(1);
    expect(checkersAfterTierChange(4, 5)).toBe(5);
  });
});
