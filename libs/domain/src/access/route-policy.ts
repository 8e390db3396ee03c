import type { Permission, PlatformPermission } from './permissions';

/**
 * The access policy a route declares. `public` routes need no token; `authenticated` ones any signed-in user;
 * `permission` ones the named permission. Project permissions read the project id from the route parameter
 * `projectId` (or the query, for collection routes filtered by project); `orPlatform` lets platform admins holding
 * that platform permission through without naming a project.
 */
export type RoutePolicy =
  | { readonly kind: 'public'; readonly reason: string }
  | { readonly kind: 'authenticated' }
  | {
      readonly kind: 'permission';
      readonly permission: Permission;
      readonly projectIdFrom?: 'params' | 'query';
      readonly orPlatform?: PlatformPermission;
    };
