/**
 * A month's budget is exhausted exactly when its 100 % threshold has been reached: `exhausted_at` was only ever
 * written and cleared together with `notified_100_at`, so it goes and the repository reads exhaustion from that.
 */
export const name = 'budget-exhaustion-from-threshold';
export const up = `
ALTER TABLE budget_months DROP COLUMN exhausted_at;
`;
