/**
 * Why a workspace's move under way (starting, stopping) was asked for, and the instant that made an automatic one
 * due. A lost job is given again with them, so a lost idle stop is re-run as an idle stop, not as a person's.
 * Null (a person's request, or a row from before this column) re-runs as manual.
 */
export const name = 'workspace-requested-move';
export const up = `
ALTER TABLE workspaces ADD COLUMN requested_reason text;
ALTER TABLE workspaces ADD COLUMN requested_due_at timestamptz;
`;
