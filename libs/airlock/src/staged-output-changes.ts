import { canTransitionExport, type Notification, OPEN_EXPORT_STATUSES } from '@cloister/domain';
import { ExportRequestsRepository, StagedOutputsRepository } from '@cloister/persistence';
import { applyExportTransition, SYSTEM_ACTOR, type Trx } from './export-transitions';

/**
 * A staged file changed or disappeared: every submitted request that froze its earlier bytes no longer shows
 * what the researcher has, so it goes back to them. Drafts re-read their files on submit; releases already in
 * progress copy the frozen bytes that were approved and are left alone. Run inside the staging transaction.
 */
export async function invalidateRequestsHolding(trx: Trx, stagedOutputId: string, path: string, change: 'changed' | 'removed'): Promise<Notification[]> {
  const repo = new ExportRequestsRepository(trx);
  const notifications: Notification[] = [];
  // The staged row before the requests holding it: the order the API's request saves lock them in, so a removal
  // (which comes here before deleting the row) and a save never wait on each other crosswise.
  await new StagedOutputsRepository(trx).lockByIds([stagedOutputId], trx);
  for (const id of await repo.openRequestsWithStagedOutput(stagedOutputId, OPEN_EXPORT_STATUSES, trx)) {
    const request = await repo.lock(id, trx);
    if (!request || !canTransitionExport(request.status, 'returned', 'system')) continue;
    const reason = `"${path}" was ${change} after the request was submitted; check the request and submit it again`;
    const moved = await applyExportTransition(trx, request, 'returned', SYSTEM_ACTOR, { path, change }, { reason });
    if (moved.notification) notifications.push(moved.notification);
  }
  return notifications;
}
