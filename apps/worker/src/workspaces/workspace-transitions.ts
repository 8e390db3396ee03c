import { canTransitionWorkspace, findWorkspaceTransition, isDueActionSuperseded, type StopReason, type WorkspaceStatus } from '@cloister/domain';
import { AuditRepository, type Db, type StatusChange, type WorkspaceRecord, WorkspacesRepository } from '@cloister/persistence';

/** `superseded`: a due automatic move that the workspace's later change (by a person) has made moot. */
export type TransitionOutcome = 'applied' | 'already-done' | 'not-applicable' | 'superseded';

export interface SystemMove {
  readonly details?: Record<string, unknown>;
  readonly change?: StatusChange;
  /** Open a running period (entering running) or close one (leaving it), in the same transaction. */
  readonly run?: { open: true } | { close: true; reason: StopReason | null };
  /** Only move if the workspace entered its current status at or before this instant (a due automatic action). */
  readonly notAfter?: Date;
}

/**
 * Applies a platform-driven workspace transition with its audit event, once: a retried job whose work already
 * committed finds the workspace past `from` and does nothing. Returns the workspace as it was before the move.
 */
export async function moveWorkspace(db: Db, workspaceId: string, from: WorkspaceStatus, to: WorkspaceStatus, move: SystemMove = {}): Promise<{ outcome: TransitionOutcome; workspace: WorkspaceRecord | null }> {
  const transition = findWorkspaceTransition(from, to);
  if (!transition || !canTransitionWorkspace(from, to, 'system')) throw new Error(`the platform may not move a workspace from ${from} to ${to}`);
  const workspaces = new WorkspacesRepository(db);
  return db.transaction().execute(async (trx) => {
    const w = await workspaces.lock(workspaceId, trx);
    if (!w) return { outcome: 'not-applicable', workspace: null };
    if (w.status === to) return { outcome: 'already-done', workspace: w };
    if (w.status !== from) return { outcome: 'not-applicable', workspace: w };
    if (move.notAfter && isDueActionSuperseded(w.statusSince, move.notAfter)) return { outcome: 'superseded', workspace: w };
    const now = new Date();
    await workspaces.setStatus(w.id, to, trx, move.change, now);
    if (move.run && 'open' in move.run) await workspaces.openRun(w, now, trx);
    if (move.run && 'close' in move.run) await workspaces.closeRun(w.id, now, move.run.reason, trx);
    await new AuditRepository(db).append(trx, {
      actorId: null, actorEmail: null, action: `workspace.${transition.action}`, targetType: 'workspace', targetId: w.id, projectId: w.projectId,
      requestId: null, sourceIp: null, details: { name: w.name, from, to, ...move.details },
    });
    return { outcome: 'applied', workspace: w };
  });
}
