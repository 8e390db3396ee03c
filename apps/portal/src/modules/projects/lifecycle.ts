import { PROJECT_STATES_OWING_JOBS, PROJECT_TRANSITIONS, projectActorsOf, type ProjectRole } from '@cloister/domain';
import type { ProjectStatus } from './api/Project';

export interface LifecycleAction {
  to: ProjectStatus;
  label: string;
  /** Asked before acting; null acts at once. */
  confirm: string | null;
}

/** How the portal words each step people take in the domain's project transition table, by the step's action. */
export const LIFECYCLE_WORDING: Readonly<Record<string, Omit<LifecycleAction, 'to'>>> = {
  provision: { label: 'Provision', confirm: null },
  retry: { label: 'Retry', confirm: null },
  suspend: { label: 'Suspend', confirm: 'Suspending stops every workspace in this project until it is resumed.' },
  resume: { label: 'Resume', confirm: null },
  decommission: {
    label: 'Decommission',
    confirm: 'Decommissioning deletes the project environment, its workspaces and the data inside it. The project is then archived.',
  },
};

/**
 * The steps this person may take from `status`: the domain's transition table, for the capacities they hold (platform
 * admin, project admin). The API checks again (a failed decommission can only be retried as a decommission, and says so).
 */
export function lifecycleActions(status: ProjectStatus, who: { isPlatformAdmin: boolean; roles: readonly ProjectRole[] }): LifecycleAction[] {
  const actors = projectActorsOf(who.isPlatformAdmin, who.roles);
  return PROJECT_TRANSITIONS.filter((t) => t.from === status && t.actors.some((actor) => actors.includes(actor))).map((t) => ({
    to: t.to,
    ...(LIFECYCLE_WORDING[t.action] ?? { label: t.action, confirm: null }),
  }));
}

/** Statuses the worker moves on by itself (it owes the next step); pages poll while a project sits in one. */
export function isSettling(status: ProjectStatus): boolean {
  return Object.hasOwn(PROJECT_STATES_OWING_JOBS, status);
}
