import type { ProjectStatus } from './api/Project';

export interface LifecycleAction {
  to: ProjectStatus;
  label: string;
  /** Asked before acting; null acts at once. */
  confirm: string | null;
}

/**
 * The steps people may take (the domain's transition table, less the worker's own steps).
 * Platform admins and project admins may take all four; the API checks again.
 */
const ACTIONS: Partial<Record<ProjectStatus, LifecycleAction[]>> = {
  draft: [{ to: 'provisioning', label: 'Provision', confirm: null }],
  active: [{ to: 'suspended', label: 'Suspend', confirm: 'Suspending stops every workspace in this project until it is resumed.' }],
  suspended: [{ to: 'active', label: 'Resume', confirm: null }],
  failed: [{ to: 'provisioning', label: 'Retry', confirm: null }],
};

export function lifecycleActions(status: ProjectStatus): readonly LifecycleAction[] {
  return ACTIONS[status] ?? [];
}

/** Statuses the worker moves on by itself; pages poll while a project sits in one. */
export function isSettling(status: ProjectStatus): boolean {
  return status === 'provisioning' || status === 'decommissioning';
}
