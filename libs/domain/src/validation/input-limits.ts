/**
 * The longest text the platform accepts per field, in characters after trimming. The API's request schemas refuse
 * anything longer and the portal's forms say so before sending; both read these numbers, so they cannot drift apart.
 */
export const TEXT_LIMITS = {
  project: { name: 120, description: 2000 },
  dataset: { name: 120, description: 2000 },
  exportRequest: { title: 200, purpose: 4000, groupName: 120, groupContext: 4000, groupControls: 4000 },
  exportReview: { voteComment: 4000, publicComment: 4000, internalComment: 4000, revokeReason: 2000 },
  workspace: { name: 60 },
  audit: { actionFilter: 100 },
  // RFC 5321's limit on a forward path: longer cannot be delivered, so it is no one's address.
  user: { email: 254 },
} as const;

/** How many project admins one "create project" may name. */
export const MAX_ADMINS_AT_PROJECT_CREATION = 20;

/** The wording both sides use for text over its limit. */
export const tooLongMessage = (max: number): string => `must be at most ${max} characters`;
