import { conflict } from '../errors/domain-error';
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
  // A failed project can always be torn down; it is also how a failed decommission is retried.
  { from: 'failed', to: 'decommissioning', actors: ['platform_admin'], action: 'decommission' },
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

/** The step a failed project failed in, named by the system transition that recorded the failure. */
export type ProjectFailureStage = 'provisioning' | 'decommissioning';
export const PROJECT_FAILURE_STAGE_OF_ACTION: Readonly<Record<string, ProjectFailureStage>> = {
  provisioning_failed: 'provisioning',
  decommissioning_failed: 'decommissioning',
};

/**
 * Where a failed project may go depends on what failed: a failed decommission is only ever retried as a
 * decommission, so nobody re-provisions an environment a platform admin chose to tear down.
 */
export function assertLeavesFailureAllowed(failedIn: ProjectFailureStage | null, to: ProjectStatus): void {
  if (failedIn === 'decommissioning' && to !== 'decommissioning') {
    throw conflict('RETRY_MUST_DECOMMISSION', `to: this project failed while decommissioning, so it can only go to decommissioning (asked for ${to})`, { field: 'to', failedIn });
  }
}
