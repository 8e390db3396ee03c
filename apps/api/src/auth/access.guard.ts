import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  canSeeProject, DomainError, forbidden, isProjectPermission, isUuid, notFound, platformAllows, projectAllows,
  type ProjectRole, type RoutePolicy, unauthenticated,
} from '@cloister/domain';
import { ProjectsRepository, type UserRecord } from '@cloister/persistence';
import type { CloisterRequest } from '../core/request-context';
import { AuthenticationService } from './authentication.service';
import { ROUTE_POLICY } from './route-policy.decorator';

/**
 * Deny by default: a route without a declared policy is refused. Membership is read from the database on every
 * request, so removing a member or a role takes effect immediately, whatever tokens they still hold.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
    private readonly projects: ProjectsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw forbidden('ROUTE_POLICY_MISSING', 'this route declares no access policy, so it is closed');
    if (policy.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<CloisterRequest>();
    const user = await this.authenticate(req);
    if (policy.kind === 'authenticated') {
      req.actor = { user, projectRoles: [] };
      return true;
    }
    const { permission } = policy;
    if (!isProjectPermission(permission)) {
      if (!platformAllows(permission, user.isPlatformAdmin)) throw forbidden('PERMISSION_DENIED', `this needs the platform permission ${permission}`);
      req.actor = { user, projectRoles: [] };
      return true;
    }
    const projectId = this.projectIdOf(req, policy.projectIdFrom ?? 'params');
    if (projectId === undefined && policy.orPlatform && platformAllows(policy.orPlatform, user.isPlatformAdmin)) {
      req.actor = { user, projectRoles: [] };
      return true;
    }
    if (projectId === undefined) throw new DomainError('validation', 'VALIDATION_FAILED', 'query.projectId: required unless you are a platform admin', { fields: [{ field: 'query.projectId', message: 'required' }] });
    const roles = await this.visibleRoles(projectId, user);
    if (!projectAllows(permission, roles, user.isPlatformAdmin)) {
      throw forbidden('PERMISSION_DENIED', `your roles in this project (${roles.join(', ') || 'none'}) do not grant ${permission}`);
    }
    req.actor = { user, projectRoles: roles };
    return true;
  }

  private async authenticate(req: CloisterRequest): Promise<UserRecord> {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('UNAUTHENTICATED', 'sign in first: send an Authorization: Bearer <access token> header');
    return this.authentication.authenticate(match[1]!, { requestId: req.id, sourceIp: req.ip ?? null });
  }

  private projectIdOf(req: CloisterRequest, from: 'params' | 'query'): string | undefined {
    const raw = from === 'params' ? req.params['projectId'] : req.query['projectId'];
    return typeof raw === 'string' && raw !== '' ? raw : undefined;
  }

  /** The caller's roles; a project they cannot see answers 404 so its existence does not leak. */
  private async visibleRoles(projectId: string, user: UserRecord): Promise<ProjectRole[]> {
    const hidden = notFound('PROJECT_NOT_FOUND', `no project ${projectId} that you can see`);
    if (!isUuid(projectId)) throw hidden;
    const project = await this.projects.findById(projectId);
    if (!project) throw hidden;
    const roles = await this.projects.rolesOf(projectId, user.id);
    if (!canSeeProject(roles, user.isPlatformAdmin)) throw hidden;
    return roles;
  }
}
