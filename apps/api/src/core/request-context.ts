import type { Request } from 'express';
import type { UserRecord } from '@cloister/persistence';
import type { ProjectRole } from '@cloister/domain';

/** What the access guard learned about the caller, attached to the request for handlers. */
export interface RequestActor {
  readonly user: UserRecord;
  /** Roles in the route's project, when the route is project-scoped. */
  readonly projectRoles: readonly ProjectRole[];
}

export interface CloisterRequest extends Request {
  id: string;
  actor?: RequestActor;
}

/** Audit fields taken from the request. */
export interface AuditContext {
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly requestId: string;
  readonly sourceIp: string | null;
}

/** The fields every audit event of a project's use case starts with: who, from where, in which request and project. */
export function auditBase(ctx: AuditContext, projectId: string) {
  return { actorId: ctx.actorId, actorEmail: ctx.actorEmail, projectId, requestId: ctx.requestId, sourceIp: ctx.sourceIp };
}

export function auditContextOf(req: CloisterRequest): AuditContext {
  return { actorId: req.actor?.user.id ?? null, actorEmail: req.actor?.user.email ?? null, requestId: req.id, sourceIp: req.ip ?? null };
}
