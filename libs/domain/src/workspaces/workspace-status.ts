import { forbidden } from '../errors/domain-error';
import { type Transition, transitionTable } from '../state-machine/transition-table';
import type { ProjectRole } from '../users/roles';

/** Lifecycle of one workspace (a data science VM or an ML compute instance). Deletion ends in removal, not a state. */
export const WORKSPACE_STATUSES = ['creating', 'running', 'stopping', 'stopped', 'starting', 'deleting', 'failed'] as const;
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/**
 * Who moves a workspace: its owner (a researcher's personal workspace), a researcher using a shared one, a project
 * admin, or the platform (worker jobs: provisioning results and automatic stops/starts).
 */
export const WORKSPACE_ACTORS = ['owner', 'shared_user', 'project_admin', 'system'] as const;
export type WorkspaceActor = (typeof WORKSPACE_ACTORS)[number];

export type WorkspaceTransition = Transition<WorkspaceStatus, WorkspaceActor>;

const PEOPLE_WHO_USE: readonly WorkspaceActor[] = ['owner', 'shared_user', 'project_admin'];

/** The whole state machine; anything not listed is refused. */
export const WORKSPACE_TRANSITIONS: readonly WorkspaceTransition[] = [
  { from: 'creating', to: 'running', actors: ['system'], action: 'created' },
  { from: 'creating', to: 'failed', actors: ['system'], action: 'create_failed' },
  // Stopping is also what the schedule, idle and budget sweeps do (as the system).
  { from: 'running', to: 'stopping', actors: [...PEOPLE_WHO_USE, 'system'], action: 'stop_requested' },
  { from: 'stopping', to: 'stopped', actors: ['system'], action: 'stopped' },
  { from: 'stopping', to: 'failed', actors: ['system'], action: 'stop_failed' },
  // The schedule's optional start is the system's; people start from the portal.
  { from: 'stopped', to: 'starting', actors: [...PEOPLE_WHO_USE, 'system'], action: 'start_requested' },
  { from: 'starting', to: 'running', actors: ['system'], action: 'started' },
  { from: 'starting', to: 'failed', actors: ['system'], action: 'start_failed' },
  // A failed workspace can be stopped again (deallocate is safe to repeat) or deleted.
  { from: 'failed', to: 'stopping', actors: ['project_admin'], action: 'stop_requested' },
  { from: 'running', to: 'deleting', actors: ['owner', 'project_admin'], action: 'delete_requested' },
  { from: 'stopped', to: 'deleting', actors: ['owner', 'project_admin'], action: 'delete_requested' },
  { from: 'failed', to: 'deleting', actors: ['owner', 'project_admin'], action: 'delete_requested' },
  { from: 'deleting', to: 'failed', actors: ['system'], action: 'delete_failed' },
];

const workspaceMachine = transitionTable(WORKSPACE_TRANSITIONS);
export const findWorkspaceTransition = workspaceMachine.find;
export const canTransitionWorkspace = workspaceMachine.allows;
export const canPersonTransitionWorkspace = (from: WorkspaceStatus, to: WorkspaceStatus, actors: readonly WorkspaceActor[]) =>
  workspaceMachine.allowsAny(from, to, actors);

/** States in which work is under way and the worker will move the workspace on without anyone acting. */
export const WORKSPACE_IN_PROGRESS: readonly WorkspaceStatus[] = ['creating', 'stopping', 'starting', 'deleting'];

/**
 * The capacities in which a person acts on a workspace: project admins on every workspace of the project; researchers
 * as owner of their own, or as users of a shared one (ownerId null). Anyone else has no capacity at all.
 */
export function workspaceActorsOf(workspace: { readonly ownerId: string | null }, userId: string, roles: readonly ProjectRole[]): WorkspaceActor[] {
  const actors: WorkspaceActor[] = [];
  if (roles.includes('project_admin')) actors.push('project_admin');
  if (roles.includes('researcher')) {
    if (workspace.ownerId === userId) actors.push('owner');
    else if (workspace.ownerId === null) actors.push('shared_user');
  }
  return actors;
}

/** A person may open (connect to) a workspace they act on, once it runs. */
export const canConnectWorkspace = (status: WorkspaceStatus, actors: readonly WorkspaceActor[]): boolean => actors.length > 0 && status === 'running';

/** Only project admins create shared workspaces; personal ones belong to researchers. */
export function assertMayCreateWorkspace(shared: boolean, roles: readonly ProjectRole[]): void {
  if (shared && !roles.includes('project_admin')) throw forbidden('SHARED_WORKSPACE_ADMIN_ONLY', 'shared: only project admins create shared workspaces');
  if (!shared && !roles.includes('researcher')) {
    throw forbidden('PERSONAL_WORKSPACE_RESEARCHER_ONLY', 'shared: personal workspaces belong to researchers; as a project admin, create a shared one');
  }
}
