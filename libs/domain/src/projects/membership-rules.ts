import { conflict, validationError } from '../errors/domain-error';
import type { ProjectRole } from '../users/roles';
import { type Tier, TIER_POLICIES } from './tier-policy';

export interface MemberRoles {
  readonly userId: string;
  readonly roles: readonly ProjectRole[];
}

/**
 * A project must always keep at least one project admin, so nobody can lock everyone out of its settings.
 * Throws when `next` (the membership after a change) has none.
 */
export function assertKeepsAnAdmin(next: readonly MemberRoles[]): void {
  if (!next.some((m) => m.roles.includes('project_admin'))) {
    throw conflict('LAST_PROJECT_ADMIN', 'roles: the last project admin cannot be removed; add another project admin first');
  }
}

/** Applies a role change for one user to a membership list, without mutating it. */
export function withRoles(members: readonly MemberRoles[], userId: string, roles: readonly ProjectRole[]): MemberRoles[] {
  const others = members.filter((m) => m.userId !== userId);
  return roles.length ? [...others, { userId, roles }] : others;
}

/** The number of distinct checkers per export must stay within the tier's bounds. */
export function assertCheckersWithinTier(tier: Tier, checkersRequired: number): void {
  const { min, max } = TIER_POLICIES[tier].checkersRequired;
  if (!Number.isInteger(checkersRequired) || checkersRequired < min || checkersRequired > max) {
    throw validationError('CHECKERS_OUT_OF_RANGE', `checkersRequired: tier ${tier} needs between ${min} and ${max} distinct output checkers, got ${checkersRequired}`, { field: 'checkersRequired', min, max });
  }
}
