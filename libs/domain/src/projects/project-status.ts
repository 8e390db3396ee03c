/** Lifecycle of a project's environment. */
export const PROJECT_STATUSES = ['draft', 'provisioning', 'active', 'suspended', 'decommissioning', 'archived', 'failed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Who may cause a transition: people by role, or the platform itself (worker jobs). */
export type ProjectTransitionActor = 'platform_admin' | 'project_admin' | 'system';

export interface ProjectTransition {
  readonly from: ProjectStatus;
  readonly to: ProjectStatus;
  readonly actors: readonly ProjectTransitionActor[];
  readonly action: string;
}

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

export function findProjectTransition(from: ProjectStatus, to: ProjectStatus): ProjectTransition | undefined {
  return PROJECT_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function canTransitionProject(from: ProjectStatus, to: ProjectStatus, actor: ProjectTransitionActor): boolean {
  return findProjectTransition(from, to)?.actors.includes(actor) ?? false;
}
