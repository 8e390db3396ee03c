import { decideRequest, type ExportStatus, type FileDecision, fileDecisions, type Notification } from '@cloister/domain';
import { type ExportRequestRecord, ExportRequestsRepository } from '@cloister/persistence';
import { applyExportTransition, SYSTEM_ACTOR, type Trx } from './export-transitions';

export interface Progress {
  readonly request: ExportRequestRecord;
  readonly notifications: readonly Notification[];
  /** The request has just been approved: the caller enqueues its release once committed. */
  readonly releaseDue: boolean;
}

/**
 * Moves a request under review as far as its submitted reviews allow: partially reviewed, reviewed, then
 * approved, returned or rejected. Run with the request row locked, after any review is submitted and when
 * checks finish (a resubmission can arrive with every file already decided).
 */
export async function progressReview(trx: Trx, request: ExportRequestRecord): Promise<Progress> {
  const repo = new ExportRequestsRepository(trx);
  const [files, votes, reviews] = await Promise.all([repo.files(request.id, trx), repo.votes(request.id, trx), repo.reviews(request.id, trx)]);
  const decisions = [...fileDecisions(request, files, votes, reviews).values()];
  const notifications: Notification[] = [];
  let current = request;
  const move = async (to: ExportStatus, details: Record<string, unknown>, reason: string | null = null) => {
    const r = await applyExportTransition(trx, current, to, SYSTEM_ACTOR, details, { reason });
    current = r.request;
    if (r.notification) notifications.push(r.notification);
  };
  const allVoted = decisions.every((d) => d !== 'pending');
  const anySubmittedThisRound = reviews.some((r) => r.round === current.round && r.submittedAt);
  if (current.status === 'in_review' && !allVoted && anySubmittedThisRound) await move('partially_reviewed', {});
  if ((current.status === 'in_review' || current.status === 'partially_reviewed') && allVoted) await move('reviewed', { decisions: tally(decisions) });
  if (current.status === 'reviewed') {
    const outcome = decideRequest(decisions);
    if (outcome === 'approved') await move('approved', {});
    if (outcome === 'rejected') await move('rejected', {}, 'every output file was rejected');
    if (outcome === 'returned') await move('returned', { decisions: tally(decisions) }, 'checkers asked for changes to some files; see their comments');
  }
  return { request: current, notifications, releaseDue: current.status === 'approved' && request.status !== 'approved' };
}

const tally = (decisions: readonly FileDecision[]) => decisions.reduce<Record<string, number>>((t, d) => ({ ...t, [d]: (t[d] ?? 0) + 1 }), {});
