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

const withinTier = (tier: Tier, checkersRequired: number): boolean => {
  const { min, max } = TIER_POLICIES[tier].checkersRequired;
  return Number.isInteger(checkersRequired) && checkersRequired >= min && checkersRequired <= max;
};

/** Why this number of distinct checkers per export is outside the tier's bounds, or null when it is within them. */
export function checkersRequiredProblem(tier: Tier, checkersRequired: number): string | null {
  if (withinTier(tier, checkersRequired)) return null;
  const { min, max } = TIER_POLICIES[tier].checkersRequired;
  return `tier ${tier} needs between ${min} and ${max} distinct output checkers, got ${checkersRequired}`;
}

/** The number of distinct checkers per export must stay within the tier's bounds. */
export function assertCheckersWithinTier(tier: Tier, checkersRequired: number): void {
  const problem = checkersRequiredProblem(tier, checkersRequired);
  if (problem !== null) {
    const { min, max } = TIER_POLICIES[tier].checkersRequired;
    throw validationError('CHECKERS_OUT_OF_RANGE', `checkersRequired: ${problem}`, { field: 'checkersRequired', min, max });
  }
}

/** A project moving to `tier` keeps its number of checkers if the tier allows it, else takes the tier's default. */
export function checkersAfterTierChange(tier: Tier, current: number): number {
  return withinTier(tier, current) ? current : TIER_POLICIES[tier].checkersRequired.default;
}
