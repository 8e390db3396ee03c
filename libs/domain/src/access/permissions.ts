import type { ProjectRole } from '../users/roles';

/**
 * Every route declares exactly one of these. Platform permissions are checked against the platform role;
 * project permissions against the caller's memberships in the project named by the route.
 */
export const PLATFORM_PERMISSIONS = [
  'platform:projects:create',
  'platform:projects:list-all',
  'platform:audit:read',
  'platform:queues:admin',
  'platform:posture:read',
] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

export const PROJECT_PERMISSIONS = [
  'project:read',
  'project:settings:update',
  'project:status:change',
  'project:members:read',
  'project:members:manage',
  'project:admins:assign',
  'project:audit:read',
  'project:datasets:read',
  'project:datasets:write',
  'project:datasets:retry',
  'project:workspaces:read',
  'project:workspaces:use',
  'project:compute-policy:read',
  'project:compute-policy:manage',
  'project:budget:read',
  'project:exports:read',
  'project:exports:request',
  'project:exports:review',
  'project:exports:revoke',
  'project:exports:download',
] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

export type Permission = PlatformPermission | ProjectPermission;

/** Which project roles grant each project permission. Platform admins get only what `platformAdmin` lists. */
export const PROJECT_PERMISSION_GRANTS: Record<ProjectPermission, { roles: readonly ProjectRole[]; platformAdmin: boolean }> = {
  'project:read': { roles: ['project_admin', 'data_owner', 'researcher', 'output_checker'], platformAdmin: true },
  'project:settings:update': { roles: ['project_admin'], platformAdmin: false },
  'project:status:change': { roles: ['project_admin'], platformAdmin: true },
  'project:members:read': { roles: ['project_admin', 'data_owner', 'researcher', 'output_checker'], platformAdmin: true },
  'project:members:manage': { roles: ['project_admin'], platformAdmin: false },
  // Platform admins assign a project's admins (and so can recover a project whose admins left).
  'project:admins:assign': { roles: ['project_admin'], platformAdmin: true },
  'project:audit:read': { roles: ['project_admin'], platformAdmin: true },
  // Platform admins never read project data, and dataset manifests are project data.
  'project:datasets:read': { roles: ['project_admin', 'data_owner', 'researcher'], platformAdmin: false },
  'project:datasets:write': { roles: ['data_owner'], platformAdmin: false },
  'project:datasets:retry': { roles: ['data_owner', 'project_admin'], platformAdmin: false },
  // Researchers see and use their own (and shared) workspaces; project admins all of them. Which workspace a person
  // may act on is decided per workspace in the domain (workspaceActorsOf). Platform admins see posture only.
  'project:workspaces:read': { roles: ['project_admin', 'researcher'], platformAdmin: false },
  'project:workspaces:use': { roles: ['project_admin', 'researcher'], platformAdmin: false },
  // Researchers may read when their compute stops; only project admins set schedules, idle policy and budget.
  'project:compute-policy:read': { roles: ['project_admin', 'researcher'], platformAdmin: false },
  'project:compute-policy:manage': { roles: ['project_admin'], platformAdmin: false },
  'project:budget:read': { roles: ['project_admin'], platformAdmin: false },
  // Export requests are project data too; which requests each role sees is narrowed further in the service.
  'project:exports:read': { roles: ['project_admin', 'researcher', 'output_checker'], platformAdmin: false },
  'project:exports:request': { roles: ['researcher'], platformAdmin: false },
  // Only eligibility (never the requester or a contributor) lets a checker vote; the service enforces it per request.
  'project:exports:review': { roles: ['output_checker'], platformAdmin: false },
  'project:exports:revoke': { roles: ['project_admin', 'output_checker'], platformAdmin: false },
  'project:exports:download': { roles: ['researcher', 'project_admin'], platformAdmin: false },
};

export const isProjectPermission = (p: Permission): p is ProjectPermission =>
  (PROJECT_PERMISSIONS as readonly string[]).includes(p);

export function platformAllows(permission: PlatformPermission, isPlatformAdmin: boolean): boolean {
  // Every platform permission is a platform-admin power today; kept as a function so a finer split stays local.
  void permission;
  return isPlatformAdmin;
}

export function projectAllows(permission: ProjectPermission, roles: readonly ProjectRole[], isPlatformAdmin: boolean): boolean {
  const grant = PROJECT_PERMISSION_GRANTS[permission];
  return (isPlatformAdmin && grant.platformAdmin) || roles.some((r) => grant.roles.includes(r));
}

/** A project is visible (exists, as far as the caller can tell) to its members and to platform admins. */
export function canSeeProject(roles: readonly ProjectRole[], isPlatformAdmin: boolean): boolean {
  return isPlatformAdmin || roles.length > 0;
}
