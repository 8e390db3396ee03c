import type { Me, ProjectMembership } from '../me/api/Me';

/** Roles that see a project's datasets: owners all versions of theirs, the others available versions. */
const DATASET_ROLES = ['data_owner', 'researcher', 'project_admin'] as const;

export function projectsWithDatasets(me: Me): ProjectMembership[] {
  return me.projects.filter((project) => project.roles.some((role) => (DATASET_ROLES as readonly string[]).includes(role)));
}

export function isDataOwnerIn(me: Me, projectId: string): boolean {
  return me.projects.some((project) => project.id === projectId && project.roles.includes('data_owner'));
}
