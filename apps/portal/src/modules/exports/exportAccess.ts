import type { Me } from '../me/api/Me';
import { projectsWithRole } from '../me/rolesHeld';

/** Projects where the user stages outputs and requests exports. */
export const researcherProjects = (me: Me) => projectsWithRole(me, 'researcher');
/** Projects whose requests the user oversees (all requests, history, revocation). */
export const adminProjects = (me: Me) => projectsWithRole(me, 'project_admin');
/** Projects where the user reviews requests. */
export const checkerProjects = (me: Me) => projectsWithRole(me, 'output_checker');
