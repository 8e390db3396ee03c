import type { CheckOutcome, CheckResult, ExportFileRole, ExportStatus, VoteDecision } from '@cloister/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ExportFilesTable, ExportRequestsTable } from '../schema';
import type { Executor } from './audit.repository';
import { inUuids } from './id-list';

export interface ExportRequestRecord {
  readonly id: string;
  readonly projectId: string;
  readonly requesterId: string;
  readonly title: string;
  readonly purpose: string;
  readonly status: ExportStatus;
  readonly statusReason: string | null;
  readonly round: number;
  readonly checkersRequired: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly submittedAt: Date | null;
  readonly releasedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ExportGroupRecord {
  readonly id: string;
  readonly position: number;
  readonly name: string;
  readonly context: string;
  readonly controls: string;
}

/** A finding as the checks store it, located by line/column (text) or row/field (tables). */
export interface StoredFinding {
  readonly entity: string;
  readonly score: number;
  readonly line: number | null;
  readonly column: number | null;
  readonly row: number | null;
  readonly field: string | null;
  readonly start: number;
  readonly end: number;
}

export interface StoredFindings {
  readonly pii: readonly StoredFinding[];
  /** SDC-flagged cells as [data row, column], 1-based, with the check that flagged them. */
  readonly cells: readonly { readonly row: number; readonly column: number; readonly check: string }[];
  readonly archiveEntries: readonly string[];
}

export interface ExportFileRecord {
  readonly id: string;
  readonly requestId: string;
  readonly groupId: string;
  readonly stagedOutputId: string;
  readonly path: string;
  readonly role: ExportFileRole;
  readonly sourceBlob: string;
  readonly sourceVersionId: string | null;
  readonly size: number;
  readonly contentType: string;
  readonly sha256: string;
  readonly changedInRound: number;
  readonly frozenBlob: string | null;
  readonly checkOutcome: CheckOutcome | null;
  readonly checks: readonly CheckResult[];
  readonly findings: StoredFindings | null;
  readonly releasedBlob: string | null;
  readonly releasedSha256: string | null;
}

export interface ExportReviewRecord {
  readonly reviewerId: string;
  readonly round: number;
  readonly startedAt: Date;
  readonly submittedAt: Date | null;
}

export interface ExportVoteRecord {
  readonly fileId: string;
  readonly reviewerId: string;
  readonly round: number;
  readonly decision: VoteDecision;
  readonly comment: string;
  readonly updatedAt: Date;
}

export interface ExportCommentRecord {
  readonly id: string;
  readonly fileId: string | null;
  readonly authorId: string;
  readonly round: number;
  readonly visibility: 'public' | 'checkers';
  readonly body: string;
  readonly createdAt: Date;
}

/** A file as a request records it at creation or submission, before any checks ran. */
export type NewExportFile = Pick<ExportFileRecord, 'stagedOutputId' | 'path' | 'role' | 'sourceBlob' | 'sourceVersionId' | 'size' | 'contentType' | 'sha256'>;

export interface NewExportGroup {
  readonly name: string;
  readonly context: string;
  readonly controls: string;
  readonly files: readonly NewExportFile[];
}

const toRequest = (r: Selectable<ExportRequestsTable>): ExportRequestRecord => ({
  id: r.id, projectId: r.project_id, requesterId: r.requester_id, title: r.title, purpose: r.purpose, status: r.status as ExportStatus,
  statusReason: r.status_reason, round: r.round, checkersRequired: r.checkers_required, createdAt: r.created_at, updatedAt: r.updated_at,
  submittedAt: r.submitted_at, releasedAt: r.released_at, revokedAt: r.revoked_at,
});

const toFile = (r: Selectable<ExportFilesTable>): ExportFileRecord => ({
  id: r.id, requestId: r.request_id, groupId: r.group_id, stagedOutputId: r.staged_output_id, path: r.path, role: r.role as ExportFileRole,
  sourceBlob: r.source_blob, sourceVersionId: r.source_version_id, size: Number(r.size), contentType: r.content_type, sha256: r.sha256.trim(),
  changedInRound: r.changed_in_round, frozenBlob: r.frozen_blob, checkOutcome: r.check_outcome as CheckOutcome | null,
  checks: (r.checks ?? []) as CheckResult[], findings: (r.findings ?? null) as StoredFindings | null,
  releasedBlob: r.released_blob, releasedSha256: r.released_sha256?.trim() ?? null,
});

/** The status's own timestamp, set when a request enters it. */
const STATUS_TIME: Partial<Record<ExportStatus, 'submitted_at' | 'released_at' | 'revoked_at'>> = {
  submitted: 'submitted_at', released: 'released_at', revoked: 'revoked_at',
};

/** Export requests with their groups, frozen files, reviews, votes and comments. */
export class ExportRequestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(
    r: { projectId: string; requesterId: string; title: string; purpose: string; status: ExportStatus; checkersRequired: number },
    groups: readonly NewExportGroup[], ex: Executor,
  ): Promise<ExportRequestRecord> {
    const row = await ex.insertInto('export_requests').values({
      project_id: r.projectId, requester_id: r.requesterId, title: r.title, purpose: r.purpose, status: r.status, checkers_required: r.checkersRequired,
    }).returningAll().executeTakeFirstOrThrow();
    await this.insertContents(row.id, groups, 0, ex);
    return toRequest(row);
  }

  /**
   * Replaces the groups and files of an editable request. A file whose bytes and role are unchanged keeps its row,
   * check results and votes; a changed or new file starts afresh in `round`; a removed one goes with its votes.
   */
  async replaceContents(requestId: string, groups: readonly NewExportGroup[], round: number, ex: Executor): Promise<void> {
    const before = new Map((await this.files(requestId, ex)).map((f) => [f.path, f]));
    const wanted = new Map(groups.flatMap((g) => g.files.map((f) => [f.path, f] as const)));
    const kept = [...before.values()].filter((p) => wanted.get(p.path)?.sha256 === p.sha256 && wanted.get(p.path)?.role === p.role);
    const keptIds = kept.map((k) => k.id);
    let drop = ex.deleteFrom('export_files').where('request_id', '=', requestId);
    if (keptIds.length) drop = drop.where('id', 'not in', keptIds);
    await drop.execute();
    const oldGroups = (await this.groups(requestId, ex)).map((g) => g.id);
    await this.insertContents(requestId, groups, round, ex, new Map(kept.map((k) => [k.path, k])));
    if (oldGroups.length) await ex.deleteFrom('export_groups').where('id', 'in', oldGroups).execute();
  }

  private async insertContents(requestId: string, groups: readonly NewExportGroup[], round: number, ex: Executor, kept = new Map<string, ExportFileRecord>()) {
    for (const [position, g] of groups.entries()) {
      const group = await ex.insertInto('export_groups').values({ request_id: requestId, position, name: g.name, context: g.context, controls: g.controls })
        .returning('id').executeTakeFirstOrThrow();
      for (const f of g.files) {
        const prior = kept.get(f.path);
        if (prior) {
          await ex.updateTable('export_files').set({ group_id: group.id, staged_output_id: f.stagedOutputId, source_blob: f.sourceBlob, source_version_id: f.sourceVersionId })
            .where('id', '=', prior.id).execute();
          continue;
        }
        await ex.insertInto('export_files').values({
          request_id: requestId, group_id: group.id, staged_output_id: f.stagedOutputId, path: f.path, role: f.role, source_blob: f.sourceBlob,
          source_version_id: f.sourceVersionId, size: f.size, content_type: f.contentType, sha256: f.sha256, changed_in_round: round,
        }).execute();
      }
    }
  }

  async find(projectId: string, id: string, ex: Executor = this.db): Promise<ExportRequestRecord | null> {
    const r = await ex.selectFrom('export_requests').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return r ? toRequest(r) : null;
  }

  async findById(id: string, ex: Executor = this.db): Promise<ExportRequestRecord | null> {
    const r = await ex.selectFrom('export_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRequest(r) : null;
  }

  /** Reads the request and locks its row until the transaction ends: state changes on one request are serial. */
  async lock(id: string, trx: Executor): Promise<ExportRequestRecord | null> {
    const r = await trx.selectFrom('export_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? toRequest(r) : null;
  }

  async list(projectId: string, filter: { requesterId?: string; statuses?: readonly ExportStatus[] } = {}): Promise<ExportRequestRecord[]> {
    let q = this.db.selectFrom('export_requests').selectAll().where('project_id', '=', projectId);
    if (filter.requesterId) q = q.where('requester_id', '=', filter.requesterId);
    if (filter.statuses?.length) q = q.where('status', 'in', [...filter.statuses]);
    return (await q.orderBy('created_at', 'desc').execute()).map(toRequest);
  }

  /** Requests in the given states of every project where the user is an output checker. */
  async listForChecker(userId: string, statuses: readonly ExportStatus[]): Promise<ExportRequestRecord[]> {
    const rows = await this.db.selectFrom('export_requests as r')
      .innerJoin('project_members as m', (j) => j.onRef('m.project_id', '=', 'r.project_id').on('m.user_id', '=', userId).on('m.role', '=', 'output_checker'))
      .selectAll('r').where('r.status', 'in', [...statuses]).orderBy('r.submitted_at', 'asc').execute();
    return rows.map(toRequest);
  }

  async setStatus(id: string, status: ExportStatus, reason: string | null, ex: Executor, extra: { round?: number } = {}): Promise<void> {
    const timeColumn = STATUS_TIME[status];
    await ex.updateTable('export_requests').set({
      status, status_reason: reason, updated_at: new Date(), ...(timeColumn ? { [timeColumn]: new Date() } : {}), ...(extra.round !== undefined ? { round: extra.round } : {}),
    }).where('id', '=', id).execute();
  }

  async updateText(id: string, text: { title: string; purpose: string }, ex: Executor): Promise<void> {
    await ex.updateTable('export_requests').set({ ...text, updated_at: new Date() }).where('id', '=', id).execute();
  }

  async groups(requestId: string, ex: Executor = this.db): Promise<ExportGroupRecord[]> {
    const rows = await ex.selectFrom('export_groups').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
    return rows.map((g) => ({ id: g.id, position: g.position, name: g.name, context: g.context, controls: g.controls }));
  }

  async files(requestId: string, ex: Executor = this.db): Promise<ExportFileRecord[]> {
    return (await ex.selectFrom('export_files').selectAll().where('request_id', '=', requestId).orderBy('path').execute()).map(toFile);
  }

  /** How many files, and how many of them outputs, each of these requests has, in one query (absent: none). */
  async fileCounts(requestIds: readonly string[], ex: Executor = this.db): Promise<Map<string, { files: number; outputs: number }>> {
    if (!requestIds.length) return new Map();
    const rows = await ex.selectFrom('export_files').select((eb) => [
      'request_id', eb.fn.countAll<string>().as('files'), sql<string>`count(*) filter (where role = 'output')`.as('outputs'),
    ]).where(inUuids('request_id', [...new Set(requestIds)])).groupBy('request_id').execute();
    return new Map(rows.map((r) => [r.request_id, { files: Number(r.files), outputs: Number(r.outputs) }]));
  }

  /** Which of these staged files another open request already holds, with that request's id. */
  async heldByOpenRequests(stagedOutputIds: readonly string[], openStatuses: readonly ExportStatus[], exceptRequestId: string | null, ex: Executor = this.db) {
    if (!stagedOutputIds.length) return [];
    let q = ex.selectFrom('export_files as f').innerJoin('export_requests as r', 'r.id', 'f.request_id')
      .select(['f.staged_output_id as stagedOutputId', 'r.id as requestId', 'r.title as title'])
      .where(inUuids('f.staged_output_id', [...new Set(stagedOutputIds)])).where('r.status', 'in', [...openStatuses]);
    if (exceptRequestId) q = q.where('r.id', '!=', exceptRequestId);
    return q.execute();
  }

  /** Open requests that include this staged file (a changed file invalidates them). */
  async openRequestsWithStagedOutput(stagedOutputId: string, openStatuses: readonly ExportStatus[], ex: Executor = this.db): Promise<string[]> {
    const rows = await ex.selectFrom('export_files as f').innerJoin('export_requests as r', 'r.id', 'f.request_id').select('r.id')
      .where('f.staged_output_id', '=', stagedOutputId).where('r.status', 'in', [...openStatuses]).execute();
    return [...new Set(rows.map((r) => r.id))];
  }

  async recordChecks(fileId: string, r: { frozenBlob: string; outcome: CheckOutcome; checks: readonly CheckResult[]; findings: StoredFindings }, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('export_files').set({
      frozen_blob: r.frozenBlob, check_outcome: r.outcome, checks: JSON.stringify(r.checks), findings: JSON.stringify(r.findings),
    }).where('id', '=', fileId).execute();
  }

  async recordRelease(fileId: string, blob: string, sha256: string, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('export_files').set({ released_blob: blob, released_sha256: sha256 }).where('id', '=', fileId).execute();
  }

  /** Released files whose public copy is not yet recorded gone (after a revoke, what the unpublish job still owes). */
  async publicCopiesLeft(requestId: string, ex: Executor = this.db): Promise<{ id: string; path: string; releasedBlob: string }[]> {
    const rows = await ex.selectFrom('export_files').select(['id', 'path', 'released_blob'])
      .where('request_id', '=', requestId).where('released_blob', 'is not', null).where('unpublished_at', 'is', null).orderBy('path').execute();
    return rows.map((r) => ({ id: r.id, path: r.path, releasedBlob: r.released_blob! }));
  }

  /** Records that a released file's public copy is gone; false when an earlier run already recorded it. */
  async recordUnpublished(fileId: string, ex: Executor = this.db): Promise<boolean> {
    const r = await ex.updateTable('export_files').set({ unpublished_at: new Date() }).where('id', '=', fileId).where('unpublished_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async reviews(requestId: string, ex: Executor = this.db): Promise<ExportReviewRecord[]> {
    const rows = await ex.selectFrom('export_reviews').selectAll().where('request_id', '=', requestId).orderBy('started_at').execute();
    return rows.map((r) => ({ reviewerId: r.reviewer_id, round: r.round, startedAt: r.started_at, submittedAt: r.submitted_at }));
  }

  /** One reviewer's reviews of these requests, every round, in one query. */
  async reviewsBy(reviewerId: string, requestIds: readonly string[], ex: Executor = this.db): Promise<(ExportReviewRecord & { requestId: string })[]> {
    if (!requestIds.length) return [];
    const rows = await ex.selectFrom('export_reviews').selectAll().where('reviewer_id', '=', reviewerId).where(inUuids('request_id', [...new Set(requestIds)])).execute();
    return rows.map((r) => ({ requestId: r.request_id, reviewerId: r.reviewer_id, round: r.round, startedAt: r.started_at, submittedAt: r.submitted_at }));
  }

  /** Claims the request for review in this round; a second claim by the same checker is a no-op. */
  async startReview(requestId: string, reviewerId: string, round: number, ex: Executor): Promise<void> {
    await ex.insertInto('export_reviews').values({ request_id: requestId, reviewer_id: reviewerId, round })
      .onConflict((oc) => oc.columns(['request_id', 'reviewer_id', 'round']).doNothing()).execute();
  }

  /** Marks a review submitted; false when it was already submitted (so a double submit counts once). */
  async submitReview(requestId: string, reviewerId: string, round: number, ex: Executor): Promise<boolean> {
    const r = await ex.updateTable('export_reviews').set({ submitted_at: new Date() })
      .where('request_id', '=', requestId).where('reviewer_id', '=', reviewerId).where('round', '=', round).where('submitted_at', 'is', null)
      .returning('reviewer_id').executeTakeFirst();
    return Boolean(r);
  }

  async upsertVote(v: { fileId: string; reviewerId: string; round: number; decision: VoteDecision; comment: string }, ex: Executor): Promise<void> {
    await ex.insertInto('export_votes').values({ file_id: v.fileId, reviewer_id: v.reviewerId, round: v.round, decision: v.decision, comment: v.comment })
      .onConflict((oc) => oc.columns(['file_id', 'reviewer_id']).doUpdateSet({ round: v.round, decision: v.decision, comment: v.comment, updated_at: new Date() }))
      .execute();
  }

  async votes(requestId: string, ex: Executor = this.db): Promise<ExportVoteRecord[]> {
    const rows = await ex.selectFrom('export_votes as v').innerJoin('export_files as f', 'f.id', 'v.file_id').selectAll('v')
      .where('f.request_id', '=', requestId).execute();
    return rows.map((v) => ({ fileId: v.file_id, reviewerId: v.reviewer_id, round: v.round, decision: v.decision as VoteDecision, comment: v.comment, updatedAt: v.updated_at }));
  }

  async addComment(c: { requestId: string; fileId: string | null; authorId: string; round: number; visibility: 'public' | 'checkers'; body: string }, ex: Executor): Promise<void> {
    await ex.insertInto('export_comments').values({ request_id: c.requestId, file_id: c.fileId, author_id: c.authorId, round: c.round, visibility: c.visibility, body: c.body }).execute();
  }

  async comments(requestId: string, ex: Executor = this.db): Promise<ExportCommentRecord[]> {
    const rows = await ex.selectFrom('export_comments').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
    return rows.map((c) => ({ id: c.id, fileId: c.file_id, authorId: c.author_id, round: c.round, visibility: c.visibility as 'public' | 'checkers', body: c.body, createdAt: c.created_at }));
  }
}
