import type { ProjectStatus } from './api/Project';

export interface LifecycleAction {
  to: ProjectStatus;
  label: string;
  /** Asked before acting; null acts at once. */
  confirm: string | null;
}

const DECOMMISSION: LifecycleAction = {
  to: 'decommissioning',
  label: 'Decommission',
  confirm: 'Decommissioning deletes the project environment, its workspaces and the data inside it. The project is then archived.',
};

/**
 * The steps people may take (the domain's transition table, less the worker's own steps). Platform admins and
 * project admins may provision, suspend, resume and retry; only platform admins decommission. The API checks again
 * (a failed decommission can only be retried as a decommission, and says so).
 */
const ACTIONS: Partial<Record<ProjectStatus, { action: LifecycleAction; platformAdminOnly?: true }[]>> = {
  draft: [{ action: { to: 'provisioning', label: 'Provision', confirm: null } }],
  active: [
    { action: { to: 'suspended', label: 'Suspend', confirm: 'Suspending stops every workspace in this project until it is resumed.' } },
    { action: DECOMMISSION, platformAdminOnly: true },
  ],
  suspended: [{ action: { to: 'active', label: 'Resume', confirm: null } }, { action: DECOMMISSION, platformAdminOnly: true }],
  failed: [{ action: { to: 'provisioning', label: 'Retry', confirm: null } }, { action: DECOMMISSION, platformAdminOnly: true }],
};

export function lifecycleActions(status: ProjectStatus, options: { isPlatformAdmin?: boolean } = {}): readonly LifecycleAction[] {
  return (ACTIONS[status] ?? []).filter((entry) => !entry.platformAdminOnly || options.isPlatformAdmin === true).map((entry) => entry.action);
}

/** Statuses the worker moves on by itself; pages poll while a project sits in one. */
export function isSettling(status: ProjectStatus): boolean {
  return status === 'provisioning' || status === 'decommissioning';
}
