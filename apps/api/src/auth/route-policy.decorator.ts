import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Permission, PlatformPermission, RoutePolicy } from '@cloister/domain';

export const ROUTE_POLICY = 'cloister:route-policy';

const declare = (policy: RoutePolicy) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, policy),
    ApiExtension('x-cloister-policy', policy),
    ...(policy.kind === 'public' ? [] : [ApiBearerAuth()]),
  );

/** Reachable without a token. The reason is kept in the OpenAPI document and the permission matrix. */
export const Public = (reason: string) => declare({ kind: 'public', reason });

/** Any signed-in user. */
export const Authenticated = () => declare({ kind: 'authenticated' });

/** The named permission; project permissions are checked in the project named by the route. */
export const RequirePermission = (
  permission: Permission,
  options: { projectIdFrom?: 'params' | 'query'; orPlatform?: PlatformPermission } = {},
) => declare({ kind: 'permission', permission, ...options });
