import type { Me } from '../me/api/Me';
import { rolesHeld } from '../me/rolesHeld';

type Audience = 'everyone' | 'platform_admin' | 'project_admin' | 'data_owner' | 'researcher' | 'output_checker';

// One fixed order for everyone, so items never jump around when a role is added. A platform admin's overview is the
// landing page (`/`), reached from the product name in the header.
const catalogue = [
  { label: 'My projects', path: '/my-projects', audiences: ['everyone'] },
  { label: 'Posture', path: '/posture', audiences: ['platform_admin'] },
  { label: 'Projects', path: '/projects', audiences: ['platform_admin', 'project_admin'] },
  { label: 'Audit log', path: '/audit-log', audiences: ['platform_admin', 'project_admin'] },
  { label: 'Members', path: '/members', audiences: ['project_admin'] },
  { label: 'Datasets', path: '/datasets', audiences: ['data_owner', 'researcher', 'project_admin'] },
  { label: 'Workspaces', path: '/workspaces', audiences: ['researcher', 'project_admin'] },
  { label: 'Outputs', path: '/outputs', audiences: ['researcher'] },
  { label: 'Reviews', path: '/reviews', audiences: ['output_checker'] },
  { label: 'Exports', path: '/exports', audiences: ['project_admin'] },
  // Local mode catches every email; in azure mode mail really goes out, so there is nothing to show.
  { label: 'Dev mailbox', path: '/dev-mailbox', audiences: ['everyone'], localModeOnly: true },
] as const satisfies ReadonlyArray<{ label: string; path: `/${string}`; audiences: readonly Audience[]; localModeOnly?: true }>;

/** Every section's address; the routes must give each one a page (no placeholders). */
export type NavPath = (typeof catalogue)[number]['path'];

export interface NavItemDefinition {
  label: string;
  path: NavPath;
}

/** Side-navigation entries for this user. Routes use the same list, so hidden pages are 404s. */
export function navItemsForUser(me: Me, options: { localMode?: boolean } = {}): NavItemDefinition[] {
  const audiences = new Set<Audience>(['everyone', ...rolesHeld(me)]);
  if (me.isPlatformAdmin) audiences.add('platform_admin');
  return catalogue
    .filter((item) => item.audiences.some((audience: Audience) => audiences.has(audience)) && (!('localModeOnly' in item) || options.localMode === true))
    .map(({ label, path }) => ({ label, path }));
}
