import type { Permission } from './permissions';

/**
 * The access policy a route declares. `public` routes need no token; `authenticated` ones any signed-in user;
 * `permission` ones the named permission (project permissions also need the route's `projectId` parameter).
 */
export type RoutePolicy =
  | { readonly kind: 'public'; readonly reason: string }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'permission'; readonly permission: Permission };
