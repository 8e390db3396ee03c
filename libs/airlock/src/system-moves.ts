import type { ExportStatus } from '@cloister/domain';
import { type Db, ExportRequestsRepository } from '@cloister/persistence';
import { applyExportTransition, SYSTEM_ACTOR } from './export-transitions';
import { progressReview } from './review-progress';
import { type ExportOutbox, transactWithNotices } from './transaction-with-notices';

export interface SystemMove {
  /** False when the request had already left `from` (a retried job whose work committed earlier). */
  readonly applied: boolean;
  readonly round: number;
  /** Entering review found every file already decided and approved it: the caller enqueues the release. */
  readonly releaseDue: boolean;
}

/**
 * A job's move of a request, applied only if the request is still where the job expects it, with the row
 * locked. Entering review lets review progress at once, since a resubmission may arrive with every file decided.
 * The notices the moves owe commit with them (transactWithNotices).
 */
export async function applySystemMoveIfAt(
  db: Db, outbox: ExportOutbox, requestId: string, from: ExportStatus, to: ExportStatus, details: Record<string, unknown>, reason: string | null = null,
): Promise<SystemMove> {
  return transactWithNotices(db, outbox, async (trx, notify) => {
    const current = await new ExportRequestsRepository(trx).lock(requestId, trx);
    if (!current || current.status !== from) return { applied: false, round: current?.round ?? 0, releaseDue: false };
    const moved = await applyExportTransition(trx, current, to, SYSTEM_ACTOR, details, { reason });
    notify([moved.notification]);
    if (to !== 'in_review') return { applied: true, round: moved.request.round, releaseDue: false };
    const progress = await progressReview(trx, moved.request);
    notify(progress.notifications);
    return { applied: true, round: moved.request.round, releaseDue: progress.releaseDue };
  });
}
