import { type Transition, transitionTable } from '../state-machine/transition-table';
import type { ProjectRole } from '../users/roles';

/** Lifecycle of a project's environment. */
export const PROJECT_STATUSES = ['draft', 'provisioning', 'active', 'suspended', 'decommissioning', 'archived', 'failed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Who may cause a transition: people by role, or the platform itself (worker jobs). */
export type ProjectTransitionActor = 'platform_admin' | 'project_admin' | 'system';

export type ProjectTransition = Transition<ProjectStatus, ProjectTransitionActor>;

/** The whole state machine; anything not listed is refused. */
export const PROJECT_TRANSITIONS: readonly ProjectTransition[] = [
  { from: 'draft', to: 'provisioning', actors: ['platform_admin', 'project_admin'], action: 'provision' },
  { from: 'provisioning', to: 'active', actors: ['system'], action: 'provisioned' },
  { from: 'provisioning', to: 'failed', actors: ['system'], action: 'provisioning_failed' },
  { from: 'failed', to: 'provisioning', actors: ['platform_admin', 'project_admin'], action: 'retry' },
  { from: 'active', to: 'suspended', actors: ['platform_admin', 'project_admin'], action: 'suspend' },
  { from: 'suspended', to: 'active', actors: ['platform_admin', 'project_admin'], action: 'resume' },
  { from: 'active', to: 'decommissioning', actors: ['platform_admin'], action: 'decommission' },
  { from: 'suspended', to: 'decommissioning', actors: ['platform_admin'], action: 'decommission' },
  { from: 'decommissioning', to: 'archived', actors: ['system'], action: 'decommissioned' },
  { from: 'decommissioning', to: 'failed', actors: ['system'], action: 'decommissioning_failed' },
];

const projectMachine = transitionTable(PROJECT_TRANSITIONS);
export const findProjectTransition = projectMachine.find;
export const canTransitionProject = projectMachine.allows;

/** The capacities in which a person may move a project: as platform admin, as its project admin, or both. */
export function projectActorsOf(isPlatformAdmin: boolean, roles: readonly ProjectRole[]): ProjectTransitionActor[] {
  return [...(isPlatformAdmin ? ['platform_admin' as const] : []), ...(roles.includes('project_admin') ? ['project_admin' as const] : [])];
}

export const canPersonTransitionProject = (from: ProjectStatus, to: ProjectStatus, actors: readonly ProjectTransitionActor[]) =>
  projectMachine.allowsAny(from, to, actors);
