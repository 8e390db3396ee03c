/**
 * Revoking a release removes its public copies in a retried job; each released file records when its public copy
 * was found gone, so a revoked request with copies left owes that job (the lost-job reconciler finds it).
 */
export const name = 'export-unpublished';
export const up = `
ALTER TABLE export_files ADD COLUMN unpublished_at timestamptz;
`;
