import type { Me } from '../me/api/Me';
import { rolesHeld } from '../me/rolesHeld';

export type LandingKind = 'platform_admin' | 'project_admin' | 'data_owner' | 'output_checker' | 'researcher' | 'none';

/**
 * The home page follows the most senior role held in any project. Checkers rank above
 * researchers because a pending review blocks someone else's work.
 */
export function chooseLanding(me: Me): LandingKind {
  if (me.isPlatformAdmin) return 'platform_admin';
  const roles = rolesHeld(me);
  if (roles.has('project_admin')) return 'project_admin';
  if (roles.has('data_owner')) return 'data_owner';
  if (roles.has('output_checker')) return 'output_checker';
  if (roles.has('researcher')) return 'researcher';
  return 'none';
}
