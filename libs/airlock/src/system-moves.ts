import type { ExportStatus, Notification } from '@cloister/domain';
import { type Db, ExportRequestsRepository } from '@cloister/persistence';
import { applyExportTransition, SYSTEM_ACTOR } from './export-transitions';
import { progressReview } from './review-progress';

export interface SystemMove {
  /** False when the request had already left `from` (a retried job whose work committed earlier). */
  readonly applied: boolean;
  readonly round: number;
  readonly notifications: readonly Notification[];
  /** Entering review found every file already decided and approved it: the caller enqueues the release. */
  readonly releaseDue: boolean;
}

/**
 * A job's move of a request, applied only if the request is still where the job expects it, with the row
 * locked. Entering review lets review progress at once, since a resubmission may arrive with every file decided.
 */
export async function applySystemMoveIfAt(
  db: Db, requestId: string, from: ExportStatus, to: ExportStatus, details: Record<string, unknown>, reason: string | null = null,
): Promise<SystemMove> {
  return db.transaction().execute(async (trx) => {
    const current = await new ExportRequestsRepository(trx).lock(requestId, trx);
    if (!current || current.status !== from) return { applied: false, round: current?.round ?? 0, notifications: [], releaseDue: false };
    const moved = await applyExportTransition(trx, current, to, SYSTEM_ACTOR, details, { reason });
    const notifications = moved.notification ? [moved.notification] : [];
    if (to !== 'in_review') return { applied: true, round: moved.request.round, notifications, releaseDue: false };
    const progress = await progressReview(trx, moved.request);
    return { applied: true, round: moved.request.round, notifications: [...notifications, ...progress.notifications], releaseDue: progress.releaseDue };
  });
}
