import type { Me, ProjectMembership, ProjectRole } from './api/Me';

/** Roles the user holds in at least one project; the portal shapes itself around these. */
export function rolesHeld(me: Me): ReadonlySet<ProjectRole> {
  return new Set(me.projects.flatMap((project) => project.roles));
}

/** The user's projects in which they hold `role`. */
export function projectsWithRole(me: Me, role: ProjectRole): ProjectMembership[] {
  return me.projects.filter((project) => project.roles.includes(role));
}
