import { Inject, Injectable } from '@nestjs/common';
import { applyExportTransition, type ExportActorRef, type ExportOutbox, progressReview, transactWithNotices } from '@cloister/airlock';
import type { SecureGatewayClient, SecureRead } from '@cloister/adapters';
import {
  canDownloadExport, canEditExportRequest, canSeeExportRequest, canTransitionExportAsAny, checkRequestComposition, checkVoteComment, conflict, EXPORT_PUBLIC_CONTAINER,
  type ExportActor, exportActorsOf, exportRequestParties, type ExportFileRole, type ExportViewer, failedStage, fileDecisions, forbidden, type JobQueuePort, notFound,
  type ObjectStoragePort, OPEN_EXPORT_STATUSES, REVIEWABLE_EXPORT_STATUSES, reviewEligibility, reviewSight, validationError,
  type VoteDecision, votesOwed,
} from '@cloister/domain';
import {
  AuditRepository, type Db, type ExportFileRecord, type ExportRequestRecord, ExportRequestsRepository, type ExportReviewRecord, type ExportVoteRecord,
  type NewExportFile, type NewExportGroup, ProjectsRepository, type StagedOutputRecord, StagedOutputsRepository, UsersRepository,
} from '@cloister/persistence';
import { type AuditContext, auditBase } from '../core/request-context';
import { DATABASE, JOB_QUEUE, NOTIFICATION_OUTBOX, PUBLIC_STORAGE, SECURE_GATEWAY } from '../core/tokens';

export type { ExportViewer };

export interface RequestInput {
  readonly title: string;
  readonly purpose: string;
  readonly groups: readonly { name: string; context: string; controls: string; files: readonly { stagedOutputId: string; role: ExportFileRole }[] }[];
}

/** A staged output as a request records it: the bytes it has now (blob version and hash), under the role asked for. */
const requestedFileOf = (s: StagedOutputRecord, role: ExportFileRole): NewExportFile => ({
  stagedOutputId: s.id, path: s.path, role, sourceBlob: s.blobName, sourceVersionId: s.versionId, size: s.size, contentType: s.contentType, sha256: s.sha256,
});

/** Previews are for reading on screen; anything larger is cut and says so. */
export const PREVIEW_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Export requests on the API side: drafting from staged outputs, submitting (freezing hashes), review with
 * blinded votes, revocation, previews read through the secure gateway, and downloads of released files.
 */
@Injectable()
export class ExportsService {
  private readonly requests: ExportRequestsRepository;
  private readonly staged: StagedOutputsRepository;
  private readonly projects: ProjectsRepository;
  private readonly users: UsersRepository;
  private readonly audit: AuditRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueuePort,
    @Inject(PUBLIC_STORAGE) private readonly publicStorage: ObjectStoragePort,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: ExportOutbox,
    @Inject(SECURE_GATEWAY) private readonly gateway: SecureGatewayClient,
  ) {
    this.requests = new ExportRequestsRepository(db);
    this.staged = new StagedOutputsRepository(db);
    this.projects = new ProjectsRepository(db);
    this.users = new UsersRepository(db);
    this.audit = new AuditRepository(db);
  }

  /** The caller's own staged outputs, each with the open request that holds it, if any. */
  async stagedOutputs(projectId: string, viewer: ExportViewer) {
    const items = await this.staged.list(projectId, viewer.userId);
    const held = new Map((await this.requests.heldByOpenRequests(items.map((i) => i.id), OPEN_EXPORT_STATUSES, null)).map((h) => [h.stagedOutputId, h]));
    return items.map((i) => ({ ...i, heldBy: held.get(i.id) ?? null }));
  }

  async list(projectId: string, viewer: ExportViewer, status?: ExportRequestRecord['status']) {
    const all = await this.requests.list(projectId, status ? { statuses: [status] } : {});
    return all.filter((r) => canSeeExportRequest(viewer, r));
  }

  /** Requests in review in every project where the caller can review them (roles and reviews read once, not per request). */
  async awaitingMyReview(userId: string) {
    const candidates = await this.requests.listForChecker(userId, REVIEWABLE_EXPORT_STATUSES);
    if (!candidates.length) return [];
    const [memberships, reviews] = await Promise.all([this.projects.membershipsOf(userId), this.requests.reviewsBy(userId, candidates.map((r) => r.id))]);
    const rolesIn = new Map(memberships.map((m) => [m.project.id, m.roles]));
    const submitted = new Set(reviews.filter((rv) => rv.submittedAt).map((rv) => `${rv.requestId}:${rv.round}`));
    return candidates.filter((r) => reviewEligibility({ userId, roles: rolesIn.get(r.projectId) ?? [], isPlatformAdmin: false }, exportRequestParties(r)).ok
      && !submitted.has(`${r.id}:${r.round}`));
  }

  async create(projectId: string, input: RequestInput, viewer: ExportViewer, ctx: AuditContext) {
    const project = await this.projects.findById(projectId);
    if (!project) throw notFound('PROJECT_NOT_FOUND', `no project ${projectId}`);
    if (project.status !== 'active') throw conflict('PROJECT_NOT_ACTIVE', `projectId: exports need an active project; this one is ${project.status}`, { field: 'projectId' });
    return this.db.transaction().execute(async (trx) => {
      const groups = await this.resolveGroups(trx, projectId, input, viewer, null);
      const request = await this.requests.create({ projectId, requesterId: viewer.userId, title: input.title, purpose: input.purpose, status: 'draft', checkersRequired: project.checkersRequired }, groups, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'export.created', targetType: 'export_request', targetId: request.id, details: { title: request.title, files: groups.flatMap((g) => g.files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256 }))) } });
      return request;
    });
  }

  async update(projectId: string, requestId: string, input: RequestInput, viewer: ExportViewer, ctx: AuditContext) {
    return this.db.transaction().execute(async (trx) => {
      // The staged files' rows before the request's: the order staging takes them in (it writes the file, then
      // returns the requests holding it), so the two never wait on each other crosswise.
      const groups = await this.resolveGroups(trx, projectId, input, viewer, requestId);
      const request = await this.lockVisible(trx, projectId, requestId, viewer);
      if (request.requesterId !== viewer.userId) throw forbidden('EXPORT_NOT_REQUESTER', 'only the researcher who made this request can change it');
      if (!canEditExportRequest(viewer, request)) throw conflict('EXPORT_NOT_EDITABLE', `status: a request that is ${request.status} cannot be changed`, { field: 'status' });
      await this.requests.updateText(requestId, { title: input.title, purpose: input.purpose }, trx);
      await this.requests.replaceContents(requestId, groups, request.round + 1, trx);
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'export.updated', targetType: 'export_request', targetId: requestId, details: { title: input.title, files: groups.flatMap((g) => g.files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256 }))) } });
      return { ...request, title: input.title, purpose: input.purpose };
    });
  }

  /**
   * Freezes the request: every file's current staged bytes (hash and blob version) are recorded, and the checks
   * job will copy exactly those bytes aside and refuse them if they hash differently.
   */
  async submit(projectId: string, requestId: string, viewer: ExportViewer, ctx: AuditContext) {
    const request = await transactWithNotices(this.db, this.outbox, async (trx, notify) => {
      // Staged rows before the request row, as in update; the request's files are read again under its lock, and
      // any file a save added in between is locked then (already-held rows lock again at no cost).
      await this.staged.lockByIds((await this.requests.files(requestId, trx)).map((f) => f.stagedOutputId), trx);
      const current = await this.lockVisible(trx, projectId, requestId, viewer);
      this.requireActor(current, viewer, 'submitted');
      const files = await this.requests.files(requestId, trx);
      const groups = await this.requests.groups(requestId, trx);
      // Re-read each staged file: it may have been re-staged since the draft was saved.
      const staged = new Map((await this.staged.lockByIds(files.map((f) => f.stagedOutputId), trx)).map((s) => [s.id, s]));
      const refreshed: NewExportGroup[] = [];
      for (const g of groups) {
        const gFiles = [];
        for (const f of files.filter((x) => x.groupId === g.id)) {
          const s = staged.get(f.stagedOutputId);
          if (!s) throw conflict('EXPORT_FILE_GONE', `groups: "${f.path}" is no longer staged; remove it from the request or stage it again`, { field: 'groups', path: f.path });
          gFiles.push(requestedFileOf(s, f.role));
        }
        refreshed.push({ name: g.name, context: g.context, controls: g.controls, files: gFiles });
      }
      checkRequestComposition(refreshed.map((g) => ({ name: g.name, files: g.files })));
      await this.refuseHeldFiles(refreshed, requestId, trx);
      const round = current.round + 1;
      await this.requests.replaceContents(requestId, refreshed, round, trx);
      const moved = await applyExportTransition(trx, current, 'submitted', this.actor(ctx, 'requester'), { round, files: refreshed.flatMap((g) => g.files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256, versionId: f.sourceVersionId }))) }, { round });
      notify([moved.notification]);
      return moved.request;
    });
    await this.jobs.enqueue('export-check', 'check-request', { requestId, round: request.round }, `export-check:${requestId}:${request.round}`);
    return request;
  }

  async withdraw(projectId: string, requestId: string, viewer: ExportViewer, ctx: AuditContext) {
    return this.simpleMove(projectId, requestId, viewer, ctx, 'withdrawn', 'requester');
  }

  /** A technical failure: checks run again (from `failed` before review) or the release is retried. */
  async retry(projectId: string, requestId: string, viewer: ExportViewer, ctx: AuditContext) {
    const current = await this.requests.find(projectId, requestId);
    if (!current || !canSeeExportRequest(viewer, current)) throw notFound('EXPORT_NOT_FOUND', `no export request ${requestId} that you can see`);
    if (current.status === 'failed' && this.retryTarget(current, await this.requests.files(requestId), await this.requests.votes(requestId), await this.requests.reviews(requestId)) === 'releasing') {
      const r = await this.simpleMove(projectId, requestId, viewer, ctx, 'releasing', 'project_admin');
      await this.jobs.enqueue('release', 'release-request', { requestId }, `release:${requestId}:retry:${Date.now()}`);
      return r;
    }
    const r = await this.simpleMove(projectId, requestId, viewer, ctx, 'submitted', 'requester');
    await this.jobs.enqueue('export-check', 'check-request', { requestId, round: r.round }, `export-check:${requestId}:${r.round}:retry:${Date.now()}`);
    return r;
  }

  async revoke(projectId: string, requestId: string, reason: string, viewer: ExportViewer, ctx: AuditContext) {
    const request = await this.simpleMove(projectId, requestId, viewer, ctx, 'revoked', viewer.roles.includes('project_admin') ? 'project_admin' : 'output_checker', reason);
    // Downloads stop on the status now; the worker removes the public copies, retried until every one is gone (a
    // lost enqueue is the reconciler's: a revoked request with copies left owes this job).
    await this.jobs.enqueue('release', 'unpublish-request', { requestId }, `unpublish:${requestId}`);
    return request;
  }

  /** Claims the request for review in its current round (an assigned checker may then preview its files). */
  async startReview(projectId: string, requestId: string, viewer: ExportViewer, ctx: AuditContext) {
    return this.db.transaction().execute(async (trx) => {
      const request = await this.lockVisible(trx, projectId, requestId, viewer);
      this.requireReviewer(request, viewer);
      if (!REVIEWABLE_EXPORT_STATUSES.includes(request.status)) throw conflict('EXPORT_NOT_IN_REVIEW', `status: a request that is ${request.status} is not open for review`, { field: 'status' });
      const existing = (await this.requests.reviews(requestId, trx)).find((r) => r.reviewerId === viewer.userId && r.round === request.round);
      if (!existing) {
        await this.requests.startReview(requestId, viewer.userId, request.round, trx);
        await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'export.review_started', targetType: 'export_request', targetId: requestId, details: { round: request.round } });
      }
      return request;
    });
  }

  async saveVotes(projectId: string, requestId: string, votes: readonly { fileId: string; decision: VoteDecision; comment: string }[], viewer: ExportViewer, ctx: AuditContext) {
    return this.db.transaction().execute(async (trx) => {
      const request = await this.lockVisible(trx, projectId, requestId, viewer);
      const review = await this.openReview(trx, request, viewer);
      const files = new Map((await this.requests.files(requestId, trx)).map((f) => [f.id, f]));
      const earlier = new Set((await this.requests.votes(requestId, trx)).filter((x) => x.reviewerId === viewer.userId && x.round < review.round).map((x) => x.fileId));
      for (const [i, v] of votes.entries()) {
        const file = files.get(v.fileId);
        if (!file) throw validationError('EXPORT_FILE_NOT_IN_REQUEST', `votes[${i}].fileId: no file ${v.fileId} in this request`, { field: `votes[${i}].fileId` });
        if (file.role !== 'output') throw validationError('EXPORT_VOTE_ON_SUPPORTING', `votes[${i}].fileId: "${file.path}" is a supporting file; only outputs get votes`, { field: `votes[${i}].fileId` });
        // A vote on a file unchanged since an earlier round was already counted; it cannot be recast silently.
        if (file.changedInRound < review.round && earlier.has(file.id)) {
          throw conflict('EXPORT_VOTE_ALREADY_COUNTED', `votes[${i}].fileId: your vote on "${file.path}" from an earlier round still counts; the file has not changed`, { field: `votes[${i}].fileId` });
        }
        await this.requests.upsertVote({ fileId: file.id, reviewerId: viewer.userId, round: review.round, decision: v.decision, comment: v.comment }, trx);
      }
      await this.audit.append(trx, { ...auditBase(ctx, projectId), action: 'export.votes_saved', targetType: 'export_request', targetId: requestId, details: { round: review.round, files: votes.length } });
      return request;
    });
  }

  /**
   * Submits the caller's review: every output file that still needs a vote from them must have one, with a
   * comment where the rules require it. The request row is locked, so two checkers submitting at the same instant
   * are counted one after the other, each exactly once.
   */
  async submitReview(projectId: string, requestId: string, comments: { publicComment: string; internalComment: string }, viewer: ExportViewer, ctx: AuditContext) {
    let releaseDue = false;
    const request = await transactWithNotices(this.db, this.outbox, async (trx, notify) => {
      const current = await this.lockVisible(trx, projectId, requestId, viewer);
      const review = await this.openReview(trx, current, viewer);
      const files = await this.requests.files(requestId, trx);
      const votes = await this.requests.votes(requestId, trx);
      const myVotes = new Map(votes.filter((v) => v.reviewerId === viewer.userId).map((v) => [v.fileId, v]));
      const outputs = files.filter((f) => f.role === 'output');
      const owed = new Set(votesOwed(fileDecisions(current, files, votes.filter((v) => v.reviewerId !== viewer.userId), await this.requests.reviews(requestId, trx))));
      for (const [i, f] of outputs.entries()) {
        const v = myVotes.get(f.id);
        if (!v && owed.has(f.id)) throw validationError('EXPORT_VOTE_MISSING', `votes: "${f.path}" has no vote from you yet`, { field: 'votes', path: f.path, index: i });
        const problem = v && checkVoteComment(v.decision, f.checkOutcome ?? 'review', v.comment, `votes["${f.path}"].comment`);
        if (problem) throw problem;
      }
      if (!(await this.requests.submitReview(requestId, viewer.userId, review.round, trx))) {
        throw conflict('EXPORT_REVIEW_ALREADY_SUBMITTED', 'you have already submitted your review for this round', { field: 'review' });
      }
      if (comments.publicComment) await this.requests.addComment({ requestId, fileId: null, authorId: viewer.userId, round: review.round, visibility: 'public', body: comments.publicComment }, trx);
      if (comments.internalComment) await this.requests.addComment({ requestId, fileId: null, authorId: viewer.userId, round: review.round, visibility: 'checkers', body: comments.internalComment }, trx);
      // Per-file comments on votes that ask for changes reach the researcher.
      for (const f of outputs) {
        const v = myVotes.get(f.id);
        if (v && v.decision !== 'approve' && v.comment.trim()) await this.requests.addComment({ requestId, fileId: f.id, authorId: viewer.userId, round: review.round, visibility: 'public', body: v.comment }, trx);
      }
      await this.audit.append(trx, {
        ...auditBase(ctx, projectId), action: 'export.review_submitted', targetType: 'export_request', targetId: requestId,
        details: { round: review.round, votes: outputs.map((f) => ({ path: f.path, decision: myVotes.get(f.id)?.decision })) },
      });
      const progress = await progressReview(trx, current);
      releaseDue = progress.releaseDue;
      notify(progress.notifications);
      return progress.request;
    });
    if (releaseDue) await this.jobs.enqueue('release', 'release-request', { requestId }, `release:${requestId}:${request.round}`);
    return request;
  }

  /** A preview of one file for an assigned checker, read on the secure side and streamed, never stored. */
  async preview(projectId: string, requestId: string, fileId: string, viewer: ExportViewer, ctx: AuditContext): Promise<{ file: ExportFileRecord; read: SecureRead }> {
    const request = await this.requests.find(projectId, requestId);
    if (!request || !canSeeExportRequest(viewer, request)) throw notFound('EXPORT_NOT_FOUND', `no export request ${requestId} that you can see`);
    this.requireReviewer(request, viewer);
    const assigned = (await this.requests.reviews(requestId)).some((r) => r.reviewerId === viewer.userId);
    if (!assigned) throw forbidden('EXPORT_NOT_ASSIGNED', 'start reviewing this request before previewing its files');
    const file = (await this.requests.files(requestId)).find((f) => f.id === fileId);
    if (!file) throw notFound('EXPORT_FILE_NOT_FOUND', `no file ${fileId} in this request`);
    if (!file.frozenBlob) throw conflict('EXPORT_FILE_NOT_FROZEN', 'the automated checks have not frozen this file yet', { field: 'fileId' });
    const read = await this.gateway.openRead({ blob: file.frozenBlob, userId: viewer.userId, purpose: 'preview', maxBytes: PREVIEW_MAX_BYTES });
    await this.audit.appendStandalone({ ...auditBase(ctx, projectId), action: 'export.previewed', targetType: 'export_file', targetId: file.id, details: { requestId, path: file.path, bytes: read.size, truncated: read.truncated } });
    return { file, read };
  }

  /** A released file, streamed from the public export area; every download is audited. */
  async download(projectId: string, requestId: string, fileId: string, viewer: ExportViewer, ctx: AuditContext) {
    const request = await this.requests.find(projectId, requestId);
    if (!request || !canSeeExportRequest(viewer, request)) throw notFound('EXPORT_NOT_FOUND', `no export request ${requestId} that you can see`);
    if (!canDownloadExport(viewer, request)) throw forbidden('EXPORT_DOWNLOAD_NOT_ALLOWED', 'only the requester and project admins download released files');
    if (request.status === 'revoked') throw conflict('EXPORT_REVOKED', 'this release was revoked; its files can no longer be downloaded', { field: 'status' });
    if (request.status !== 'released') throw conflict('EXPORT_NOT_RELEASED', `status: a request that is ${request.status} has nothing to download`, { field: 'status' });
    const file = (await this.requests.files(requestId)).find((f) => f.id === fileId);
    if (!file || !file.releasedBlob) throw notFound('EXPORT_FILE_NOT_FOUND', `no released file ${fileId} in this request`);
    await this.audit.appendStandalone({ ...auditBase(ctx, projectId), action: 'export.downloaded', targetType: 'export_file', targetId: file.id, details: { requestId, path: file.path, sha256: file.releasedSha256 } });
    return { file, stream: await this.publicStorage.openRead(EXPORT_PUBLIC_CONTAINER, file.releasedBlob) };
  }

  /** Everything the viewer may see of one request, blinded for checkers who have not submitted yet. */
  async detail(projectId: string, requestId: string, viewer: ExportViewer) {
    const request = await this.requests.find(projectId, requestId);
    if (!request || !canSeeExportRequest(viewer, request)) throw notFound('EXPORT_NOT_FOUND', `no export request ${requestId} that you can see`);
    const [groups, files, votes, reviews, comments, project] = await Promise.all([
      this.requests.groups(requestId), this.requests.files(requestId), this.requests.votes(requestId), this.requests.reviews(requestId), this.requests.comments(requestId),
      this.projects.findById(projectId),
    ]);
    const actors = this.actorsOf(request, viewer);
    const isChecker = actors.includes('output_checker');
    const isAdmin = viewer.roles.includes('project_admin');
    const mine = reviews.find((r) => r.reviewerId === viewer.userId && r.round === request.round) ?? null;
    const sight = reviewSight(viewer, request, isChecker, reviews.some((r) => r.reviewerId === viewer.userId && r.submittedAt));
    const submittedKeys = new Set(reviews.filter((r) => r.submittedAt).map((r) => `${r.reviewerId}:${r.round}`));
    const names = await this.namesOf([request.requesterId, ...reviews.map((r) => r.reviewerId), ...comments.map((c) => c.authorId)]);
    return {
      request, projectName: project?.name ?? '', groups, files, decisions: sight.tally ? fileDecisions(request, files, votes, reviews) : null, names,
      myReview: mine ? { round: mine.round, submittedAt: mine.submittedAt, votes: votes.filter((v) => v.reviewerId === viewer.userId) } : null,
      votes: sight.othersVotes ? votes.filter((v) => v.reviewerId !== viewer.userId && submittedKeys.has(`${v.reviewerId}:${v.round}`)) : [],
      reviews: isChecker || isAdmin ? reviews : [],
      comments: comments.filter((c) => c.visibility === 'public' || sight.internalComments || c.authorId === viewer.userId),
      history: isAdmin || request.requesterId === viewer.userId ? await this.history(request, files) : [],
      can: {
        edit: canEditExportRequest(viewer, request),
        submit: canTransitionExportAsAny(request.status, 'submitted', actors) && request.status !== 'failed',
        withdraw: canTransitionExportAsAny(request.status, 'withdrawn', actors),
        review: isChecker && REVIEWABLE_EXPORT_STATUSES.includes(request.status) && !mine?.submittedAt,
        revoke: canTransitionExportAsAny(request.status, 'revoked', actors),
        download: request.status === 'released' && canDownloadExport(viewer, request),
        retry: request.status === 'failed' && canTransitionExportAsAny('failed', this.retryTarget(request, files, votes, reviews), actors),
        preview: isChecker && reviews.some((r) => r.reviewerId === viewer.userId),
      },
    };
  }

  /** A list page's rows: requester and project names and file counts read once for the page, not per request. */
  async summaries(requests: readonly ExportRequestRecord[]) {
    const [names, projects, counts] = await Promise.all([
      this.namesOf(requests.map((r) => r.requesterId)), this.projects.findByIds(requests.map((r) => r.projectId)), this.requests.fileCounts(requests.map((r) => r.id)),
    ]);
    const projectNames = new Map(projects.map((p) => [p.id, p.name]));
    return requests.map((r) => ({
      request: r, projectName: projectNames.get(r.projectId) ?? '', requester: names.get(r.requesterId) ?? '',
      fileCount: counts.get(r.id)?.files ?? 0, outputCount: counts.get(r.id)?.outputs ?? 0,
    }));
  }

  // — helpers —

  /** The request's audit trail: events about it and about its files (previews, downloads), oldest first. */
  private async history(request: ExportRequestRecord, files: readonly ExportFileRecord[]) {
    const events = this.audit.stream({ projectId: request.projectId, targetIds: [request.id, ...files.map((f) => f.id)] });
    const out = [];
    for await (const e of events) out.push({ at: e.occurredAt, action: e.action, actor: e.actorEmail, details: e.details });
    return out;
  }

  private async namesOf(ids: readonly string[]) {
    return new Map((await this.users.findByIds(ids)).map((u) => [u.id, u.displayName || u.email]));
  }

  /** A failed request retries its release (a project admin's move) when every output was approved, else its checks. */
  private retryTarget(request: ExportRequestRecord, files: readonly ExportFileRecord[], votes: readonly ExportVoteRecord[], reviews: readonly ExportReviewRecord[]): 'releasing' | 'submitted' {
    return failedStage([...fileDecisions(request, files, votes, reviews).values()]) === 'release' ? 'releasing' : 'submitted';
  }

  private actorsOf(r: ExportRequestRecord, viewer: ExportViewer): ExportActor[] {
    return exportActorsOf(viewer, exportRequestParties(r));
  }

  private async lockVisible(trx: Parameters<ExportRequestsRepository['lock']>[1], projectId: string, requestId: string, viewer: ExportViewer) {
    const request = await this.requests.lock(requestId, trx);
    if (!request || request.projectId !== projectId || !canSeeExportRequest(viewer, request)) throw notFound('EXPORT_NOT_FOUND', `no export request ${requestId} that you can see`);
    return request;
  }

  private requireActor(request: ExportRequestRecord, viewer: ExportViewer, to: ExportRequestRecord['status']) {
    if (!canTransitionExportAsAny(request.status, to, this.actorsOf(request, viewer))) {
      throw conflict('EXPORT_TRANSITION_NOT_ALLOWED', `status: you cannot move a request that is ${request.status} to ${to}`, { field: 'status', from: request.status, to });
    }
  }

  private requireReviewer(request: ExportRequestRecord, viewer: ExportViewer) {
    const eligible = reviewEligibility(viewer, exportRequestParties(request));
    if (!eligible.ok) {
      const why = { requester: 'you made this request', contributor: 'you contributed files to it', not_output_checker: 'you are not an output checker of this project', platform_admin_only: 'platform admins review only where they are output checkers' }[eligible.reason];
      throw forbidden('EXPORT_REVIEW_NOT_ALLOWED', `you cannot review this request: ${why}`);
    }
  }

  private async openReview(trx: Parameters<ExportRequestsRepository['lock']>[1], request: ExportRequestRecord, viewer: ExportViewer) {
    this.requireReviewer(request, viewer);
    if (!REVIEWABLE_EXPORT_STATUSES.includes(request.status)) throw conflict('EXPORT_NOT_IN_REVIEW', `status: a request that is ${request.status} is not open for review`, { field: 'status' });
    const review = (await this.requests.reviews(request.id, trx)).find((r) => r.reviewerId === viewer.userId && r.round === request.round);
    if (!review) throw conflict('EXPORT_REVIEW_NOT_STARTED', 'start reviewing this request first', { field: 'review' });
    if (review.submittedAt) throw conflict('EXPORT_REVIEW_ALREADY_SUBMITTED', 'you have already submitted your review for this round', { field: 'review' });
    return review;
  }

  private async simpleMove(projectId: string, requestId: string, viewer: ExportViewer, ctx: AuditContext, to: ExportRequestRecord['status'], as: ExportActor, reason: string | null = null) {
    return transactWithNotices(this.db, this.outbox, async (trx, notify) => {
      const current = await this.lockVisible(trx, projectId, requestId, viewer);
      const actors = this.actorsOf(current, viewer);
      const acting = actors.includes(as) ? as : actors.find((a) => canTransitionExportAsAny(current.status, to, [a]));
      if (!acting || !canTransitionExportAsAny(current.status, to, [acting])) {
        throw conflict('EXPORT_TRANSITION_NOT_ALLOWED', `status: you cannot move a request that is ${current.status} to ${to}`, { field: 'status', from: current.status, to });
      }
      const moved = await applyExportTransition(trx, current, to, this.actor(ctx, acting), {}, { reason });
      notify([moved.notification]);
      return moved.request;
    });
  }

  /**
   * Resolves requested staged-output ids to the caller's own staged files, refusing anything else, and refuses
   * files another open request holds. The staged rows stay locked until the saving transaction ends, so of two
   * saves that include the same file the second waits and then finds it held (409).
   */
  private async resolveGroups(trx: Parameters<ExportRequestsRepository['lock']>[1], projectId: string, input: RequestInput, viewer: ExportViewer, requestId: string | null): Promise<NewExportGroup[]> {
    checkRequestComposition(input.groups);
    const staged = new Map((await this.staged.lockByIds(input.groups.flatMap((g) => g.files.map((f) => f.stagedOutputId)), trx)).map((s) => [s.id, s]));
    const groups: NewExportGroup[] = [];
    for (const [gi, g] of input.groups.entries()) {
      const files = [];
      for (const [fi, f] of g.files.entries()) {
        const s = staged.get(f.stagedOutputId);
        if (!s || s.projectId !== projectId || s.userId !== viewer.userId) {
          throw validationError('EXPORT_FILE_NOT_STAGED', `groups[${gi}].files[${fi}].stagedOutputId: no staged output ${f.stagedOutputId} of yours in this project`, { field: `groups[${gi}].files[${fi}].stagedOutputId` });
        }
        files.push(requestedFileOf(s, f.role));
      }
      groups.push({ name: g.name, context: g.context, controls: g.controls, files });
    }
    await this.refuseHeldFiles(groups, requestId, trx);
    return groups;
  }

  private async refuseHeldFiles(groups: readonly NewExportGroup[], requestId: string | null, ex: Parameters<ExportRequestsRepository['heldByOpenRequests']>[3]) {
    const ids = groups.flatMap((g) => g.files.map((f) => f.stagedOutputId));
    const held = await this.requests.heldByOpenRequests(ids, OPEN_EXPORT_STATUSES, requestId, ex);
    if (held.length) {
      const h = held[0]!;
      const gi = groups.findIndex((g) => g.files.some((f) => f.stagedOutputId === h.stagedOutputId));
      const fi = groups[gi]!.files.findIndex((f) => f.stagedOutputId === h.stagedOutputId);
      const field = `groups[${gi}].files[${fi}].stagedOutputId`;
      throw conflict('EXPORT_FILE_IN_OPEN_REQUEST', `${field}: "${groups[gi]!.files[fi]!.path}" is already in the open request "${h.title}" (${h.requestId})`, { field, requestId: h.requestId });
    }
  }

  private actor(ctx: AuditContext, as: ExportActor): ExportActorRef {
    return { as, userId: ctx.actorId, email: ctx.actorEmail, httpRequestId: ctx.requestId, sourceIp: ctx.sourceIp };
  }
}
