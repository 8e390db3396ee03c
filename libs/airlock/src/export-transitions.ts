import { conflict, type ExportActor, exportRequestParties, type ExportStatus, findExportTransition, type Notification, reviewEligibility } from '@cloister/domain';
import { AuditRepository, type Database, type ExportRequestRecord, ExportRequestsRepository, ProjectsRepository } from '@cloister/persistence';
import type { Transaction } from 'kysely';

/** Who is acting, for the permission check on the move and for the audit trail. */
export interface ExportActorRef {
  readonly as: ExportActor;
  readonly userId: string | null;
  readonly email: string | null;
  readonly httpRequestId: string | null;
  readonly sourceIp: string | null;
}

export const SYSTEM_ACTOR: ExportActorRef = { as: 'system', userId: null, email: null, httpRequestId: null, sourceIp: null };

export type Trx = Transaction<Database>;

/**
 * Moves an export request along its transition table inside the caller's transaction, with its audit event.
 * Refuses a move the table does not list for this actor. Returns the notification for whoever acts next, for the
 * caller to record in the same transaction (transactWithNotices).
 */
export async function applyExportTransition(
  trx: Trx, request: ExportRequestRecord, to: ExportStatus, actor: ExportActorRef, details: Record<string, unknown> = {},
  options: { reason?: string | null; round?: number } = {},
): Promise<{ request: ExportRequestRecord; notification: Notification | null }> {
  const transition = findExportTransition(request.status, to);
  if (!transition || !transition.actors.includes(actor.as)) {
    throw conflict('EXPORT_TRANSITION_NOT_ALLOWED', `status: a request that is ${request.status} cannot become ${to} (acting as ${actor.as})`, { field: 'status', from: request.status, to });
  }
  const repo = new ExportRequestsRepository(trx);
  await repo.setStatus(request.id, to, options.reason ?? null, trx, { round: options.round });
  await new AuditRepository(trx).append(trx, {
    actorId: actor.userId, actorEmail: actor.email, action: `export.${transition.action}`, targetType: 'export_request', targetId: request.id,
    projectId: request.projectId, requestId: actor.httpRequestId, sourceIp: actor.sourceIp,
    details: { from: request.status, to, title: request.title, ...(options.reason ? { reason: options.reason } : {}), ...details },
  });
  const updated = { ...request, status: to, statusReason: options.reason ?? null, round: options.round ?? request.round };
  return { request: updated, notification: await nextActorNotification(trx, updated) };
}

/** Who acts next after a request enters its current state, and what they are told. */
async function nextActorNotification(trx: Trx, r: ExportRequestRecord): Promise<Notification | null> {
  const members = await new ProjectsRepository(trx).members(r.projectId, trx);
  // The checkers who may review it (separation of duties): never the requester, whatever roles they hold.
  const parties = exportRequestParties(r);
  const checkers = members.filter((m) => reviewEligibility({ userId: m.userId, roles: m.roles, isPlatformAdmin: false }, parties).ok).map((m) => m.userId);
  const admins = members.filter((m) => m.roles.includes('project_admin')).map((m) => m.userId);
  const link = `/projects/${r.projectId}/exports/${r.id}`;
  const base = { projectId: r.projectId, link, kind: `export.${r.status}`, details: { requestId: r.id, projectId: r.projectId, status: r.status, round: r.round }, idempotencyKey: `export:${r.id}:${r.round}:${r.status}` };
  const say = (recipients: string[], subject: string, body: string): Notification | null =>
    recipients.length ? { ...base, recipients: [...new Set(recipients)], subject, body } : null;
  const reason = r.statusReason ? ` Reason: ${r.statusReason}` : '';
  switch (r.status) {
    case 'in_review': return say(checkers, `Export request awaiting review: ${r.title}`, `"${r.title}" passed its automated checks and needs ${r.checkersRequired} output checker(s).`);
    case 'reviewed': return say(checkers, `Export request needs a further checker: ${r.title}`, `Checkers disagreed on "${r.title}"; a further output checker can resolve it.`);
    case 'returned': return say([r.requesterId], `Changes requested: ${r.title}`, `Your export request "${r.title}" was returned to you.${reason}`);
    case 'blocked': return say([r.requesterId], `Export request blocked: ${r.title}`, `The automated checks blocked "${r.title}".${reason}`);
    case 'rejected': return say([r.requesterId], `Export request rejected: ${r.title}`, `Output checkers rejected "${r.title}".`);
    case 'approved': return say([r.requesterId], `Export request approved: ${r.title}`, `"${r.title}" was approved and is being released.`);
    case 'released': return say([r.requesterId], `Outputs released: ${r.title}`, `The approved outputs of "${r.title}" are ready to download.`);
    case 'revoked': return say([r.requesterId], `Release revoked: ${r.title}`, `The release of "${r.title}" was revoked; its files can no longer be downloaded.${reason}`);
    case 'failed': return say([r.requesterId, ...admins], `Export request hit a technical failure: ${r.title}`, `"${r.title}" failed and can be retried.${reason}`);
    default: return null;
  }
}
