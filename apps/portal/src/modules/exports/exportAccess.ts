import type { Me, ProjectMembership, ProjectRole } from '../me/api/Me';

const withRole = (me: Me, role: ProjectRole): ProjectMembership[] => me.projects.filter((project) => project.roles.includes(role));

/** Projects where the user stages outputs and requests exports. */
export const researcherProjects = (me: Me) => withRole(me, 'researcher');
/** Projects whose requests the user oversees (all requests, history, revocation). */
export const adminProjects = (me: Me) => withRole(me, 'project_admin');
/** Projects where the user reviews requests. */
export const checkerProjects = (me: Me) => withRole(me, 'output_checker');
