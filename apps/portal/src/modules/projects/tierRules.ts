/**
 * The tier policy's output-checker bounds, mirrored from libs/domain (TIER_POLICIES) so forms can
 * validate inline. The API enforces them again and answers CHECKERS_OUT_OF_RANGE if these drift.
 */
export const TIERS = [0, 1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];

export interface CheckerBounds {
  min: number;
  max: number;
  default: number;
}

const CHECKER_BOUNDS: Record<Tier, CheckerBounds> = {
  0: { min: 1, max: 3, default: 1 },
  1: { min: 1, max: 3, default: 1 },
  2: { min: 1, max: 3, default: 1 },
  3: { min: 2, max: 4, default: 2 },
  4: { min: 2, max: 5, default: 2 },
};

export const TIER_LABELS: Record<Tier, string> = {
  0: 'Tier 0 — open data',
  1: 'Tier 1 — public, low risk',
  2: 'Tier 2 — pseudonymised',
  3: 'Tier 3 — sensitive',
  4: 'Tier 4 — highly sensitive',
};

export function isTier(value: number): value is Tier {
  return (TIERS as readonly number[]).includes(value);
}

export function checkerBounds(tier: Tier): CheckerBounds {
  return CHECKER_BOUNDS[tier];
}

/** Same wording as the API's CHECKERS_OUT_OF_RANGE message, without its field prefix. */
export function checkersProblem(tier: Tier, checkersRequired: number): string | null {
  const { min, max } = CHECKER_BOUNDS[tier];
  if (!Number.isInteger(checkersRequired) || checkersRequired < min || checkersRequired > max) {
    return `tier ${tier} needs between ${min} and ${max} distinct output checkers, got ${checkersRequired}`;
  }
  return null;
}

/** When the tier changes, keep the chosen number if the new tier allows it, else take the new tier's default (as the API does). */
export function checkersForNewTier(tier: Tier, current: number): number {
  const { min, max, default: fallback } = CHECKER_BOUNDS[tier];
  return Number.isInteger(current) && current >= min && current <= max ? current : fallback;
}
