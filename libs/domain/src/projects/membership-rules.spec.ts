import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { assertCheckersWithinTier, assertKeepsAnAdmin, withRoles } from './membership-rules';

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
});
