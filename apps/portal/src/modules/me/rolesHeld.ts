import type { Me, ProjectRole } from './api/Me';

/** Roles the user holds in at least one project; the portal shapes itself around these. */
export function rolesHeld(me: Me): ReadonlySet<ProjectRole> {
  return new Set(me.projects.flatMap((project) => project.roles));
}
