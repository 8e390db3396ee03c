import { Inject, Injectable, Optional } from '@nestjs/common';
import { type AutomaticStopReason, type ComputePort, isRecordedRequest, type JobPayload, type NotifierPort, targetOf } from '@cloister/domain';
import { AuditRepository, type Db, ProjectsRepository, type WorkspaceRecord, WorkspacesRepository } from '@cloister/persistence';
import { DATABASE, NOTIFIER } from '../core-tokens';
import type { JobContext } from '../jobs/job-handler-registry';
import { OnJob } from '../jobs/on-job.decorator';
import { COMPUTE } from './workspace-tokens';
import { moveWorkspace } from './workspace-transitions';

const REASON_TEXT: Record<AutomaticStopReason, string> = {
  schedule: "the project's stop schedule",
  idle: "the project's idle policy (its CPU stayed low)",
  budget: "the project's monthly budget is spent",
};

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Workspace lifecycle jobs. The API (or a sweep) has already moved the workspace into the in-progress state; the
 * job does the cloud work and settles it. Every step is safe to repeat: the cloud calls are idempotent and each
 * database move happens at most once, so a retried or restarted job converges.
 */
@Injectable()
export class WorkspacesHandlers {
  private readonly workspaces: WorkspacesRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(COMPUTE) private readonly compute: ComputePort,
    @Optional() @Inject(NOTIFIER) private readonly notifier: NotifierPort | null,
  ) {
    this.workspaces = new WorkspacesRepository(db);
  }

  /** Records a lasting failure on the last attempt; earlier attempts rethrow so BullMQ retries with backoff. */
  private async failOrRetry(w: WorkspaceRecord, from: 'creating' | 'starting' | 'stopping' | 'deleting', e: unknown, ctx: JobContext): Promise<string> {
    if (!ctx.finalAttempt) throw e;
    await moveWorkspace(this.db, w.id, from, 'failed', { change: { failureReason: messageOf(e) }, details: { reason: messageOf(e), driver: this.compute.driver } });
    return 'failed';
  }

  @OnJob('workspaces', 'create-workspace')
  async create({ workspaceId }: JobPayload<'workspaces', 'create-workspace'>, ctx: JobContext): Promise<string> {
    const w = await this.workspaces.findById(workspaceId);
    if (!w || w.status !== 'creating') return w?.status === 'running' ? 'already-done' : 'not-applicable';
    try {
      const { resourceId } = await this.compute.create(targetOf(w));
      return (await moveWorkspace(this.db, w.id, 'creating', 'running', { change: { resourceId, failureReason: null }, run: { open: true }, details: { driver: this.compute.driver, resourceId } })).outcome;
    } catch (e) {
      return this.failOrRetry(w, 'creating', e, ctx);
    }
  }

  /**
   * Starts (a person's start, or the schedule's). A scheduled start carries the instant it fell due and, like an
   * automatic stop, only starts a workspace stopped since before then: one a person stopped later stays stopped.
   */
  @OnJob('workspaces', 'start-workspace')
  async start(payload: JobPayload<'workspaces', 'start-workspace'>, ctx: JobContext): Promise<string> {
    const { workspaceId: id, reason } = payload;
    const dueAt = payload.dueAt === null ? null : new Date(payload.dueAt);
    // The schedule's morning start arrives with the workspace still stopped: the system requests it here.
    if (reason === 'schedule') {
      const requested = await moveWorkspace(this.db, id, 'stopped', 'starting', {
        change: { requested: { reason, dueAt } }, details: { reason, automatic: true, dueAt: dueAt?.toISOString() ?? null }, ...(dueAt && { notAfter: dueAt }),
      });
      if (requested.outcome === 'superseded') return 'superseded';
    }
    const w = await this.workspaces.findById(id);
    if (!w || w.status !== 'starting') return w?.status === 'running' ? 'already-done' : 'not-applicable';
    // Starting at someone else's request (a person's start, when this is a late scheduled one): theirs to finish.
    if (!isRecordedRequest(w.requested, { reason, dueAt })) return 'superseded';
    try {
      await this.compute.start(targetOf(w));
      return (await moveWorkspace(this.db, w.id, 'starting', 'running', { change: { failureReason: null }, run: { open: true }, details: { reason } })).outcome;
    } catch (e) {
      return this.failOrRetry(w, 'starting', e, ctx);
    }
  }

  /**
   * Stops (deallocates). Automatic stops carry the instant that made them due: the workspace is only stopped if it
   * has been running since before then, so a researcher's later restart is never undone by an old decision.
   */
  @OnJob('workspaces', 'stop-workspace')
  async stop(payload: JobPayload<'workspaces', 'stop-workspace'>, ctx: JobContext): Promise<string> {
    const { workspaceId: id, reason } = payload;
    const dueAt = payload.dueAt === null ? null : new Date(payload.dueAt);
    const automatic = reason !== 'manual';
    if (automatic) {
      // The reason and due instant go on the row too: if this job is lost, the reconciler's new one carries them.
      const requested = await moveWorkspace(this.db, id, 'running', 'stopping', {
        change: { requested: { reason, dueAt } }, details: { reason, automatic, dueAt: dueAt?.toISOString() ?? null }, ...(dueAt && { notAfter: dueAt }),
      });
      if (requested.outcome === 'superseded') return 'superseded';
    }
    const w = await this.workspaces.findById(id);
    if (w?.status === 'stopped') {
      // A retry after this stop was saved (worker killed, or the notifier threw): the members still have to hear.
      if (automatic && isRecordedRequest(w.requested, { reason, dueAt })) await this.notifyAutomaticStop(w, reason as AutomaticStopReason, ctx.idempotencyKey);
      return 'already-done';
    }
    if (!w || w.status !== 'stopping') return 'not-applicable';
    // Stopping at someone else's request (a person's stop made after this one fell due): theirs to finish and report.
    if (!isRecordedRequest(w.requested, { reason, dueAt })) return 'superseded';
    try {
      await this.compute.stop(targetOf(w));
    } catch (e) {
      return this.failOrRetry(w, 'stopping', e, ctx);
    }
    const { outcome } = await moveWorkspace(this.db, w.id, 'stopping', 'stopped', {
      change: { lastStopReason: reason, failureReason: null }, run: { close: true, reason }, details: { reason, automatic, dueAt: dueAt?.toISOString() ?? null },
    });
    if (automatic && (outcome === 'applied' || outcome === 'already-done')) await this.notifyAutomaticStop(w, reason as AutomaticStopReason, ctx.idempotencyKey);
    return outcome;
  }

  @OnJob('workspaces', 'delete-workspace')
  async delete({ workspaceId }: JobPayload<'workspaces', 'delete-workspace'>, ctx: JobContext): Promise<string> {
    const w = await this.workspaces.findById(workspaceId);
    if (!w || w.status !== 'deleting') return w ? 'not-applicable' : 'already-done';
    try {
      await this.compute.delete(targetOf(w));
    } catch (e) {
      return this.failOrRetry(w, 'deleting', e, ctx);
    }
    return this.db.transaction().execute(async (trx) => {
      const locked = await this.workspaces.lock(w.id, trx);
      // Another run of this job finished the delete while the cloud call was repeated.
      if (!locked || locked.status !== 'deleting') return 'already-done';
      await this.workspaces.closeRun(w.id, new Date(), 'manual', trx);
      await this.workspaces.markDeleted(w.id, trx);
      await new AuditRepository(this.db).append(trx, {
        actorId: null, actorEmail: null, action: 'workspace.deleted', targetType: 'workspace', targetId: w.id, projectId: w.projectId, requestId: null, sourceIp: null,
        details: { name: w.name, driver: this.compute.driver },
      });
      return 'applied';
    });
  }

  /** Every member of the project hears about an automatic stop (once, whatever retries happen). */
  private async notifyAutomaticStop(w: WorkspaceRecord, reason: AutomaticStopReason, key: string): Promise<void> {
    if (!this.notifier) return;
    const members = await new ProjectsRepository(this.db).members(w.projectId);
    await this.notifier.send({
      recipients: members.map((m) => m.userId), projectId: w.projectId, link: `/workspaces`, kind: 'workspace.auto_stopped',
      subject: `Workspace ${w.name} was stopped automatically`,
      body: `${w.name} was stopped (deallocated) because of ${REASON_TEXT[reason]}. Anything saved on its disk is kept; start it again from the portal when you need it.`,
      details: { workspaceId: w.id, reason }, idempotencyKey: `workspace-auto-stop:${key}`,
    });
  }
}
