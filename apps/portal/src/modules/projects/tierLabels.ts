import type { Tier } from '@cloister/domain';

/** How the portal names each security tier (the tiers and their bounds are the domain's TIER_POLICIES). */
export const TIER_LABELS: Record<Tier, string> = {
  0: 'Tier 0 — open data',
  1: 'Tier 1 — public, low risk',
  2: 'Tier 2 — pseudonymised',
  3: 'Tier 3 — sensitive',
  4: 'Tier 4 — highly sensitive',
};
