import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type Budget, type ComputeSchedule, type IdlePolicy, lapsedThresholds, monthKey, nextRuns, notFound, type NotifierPort, validateBudget, validateIdlePolicy,
  validateSchedule,
} from '@cloister/domain';
import { AuditRepository, ComputePoliciesRepository, type Db, ProjectsRepository, WorkspacesRepository } from '@cloister/persistence';
import { type AuditContext, auditBase } from '../core/request-context';
import { DATABASE, NOTIFIER } from '../core/tokens';

const runsOf = (s: ComputeSchedule, from = new Date()) => nextRuns(s, from, 5).map((r) => ({ at: r.at.toISOString(), action: r.action }));

/** A project's schedule, idle policy and budget: validated in the domain, saved with an audit event. */
@Injectable()
export class ComputePolicyService {
  private readonly policies: ComputePoliciesRepository;
  private readonly audit: AuditRepository;

  constructor(@Inject(DATABASE) private readonly db: Db, @Optional() @Inject(NOTIFIER) private readonly notifier: NotifierPort | null) {
    this.policies = new ComputePoliciesRepository(db);
    this.audit = new AuditRepository(db);
  }

  async schedule(projectId: string) {
    const s = await this.policies.schedule(projectId);
    return s
      ? { schedule: { stopCron: s.stopCron, startCron: s.startCron, timeZone: s.timeZone, enabled: s.enabled, updatedAt: s.updatedAt.toISOString() }, nextRuns: s.enabled ? runsOf(s) : [] }
      : { schedule: null, nextRuns: [] };
  }

  preview(input: ComputeSchedule) {
    return { nextRuns: runsOf(validateSchedule(input)) };
  }

  async putSchedule(projectId: string, input: ComputeSchedule, ctx: AuditContext) {
    const s = validateSchedule(input);
    await this.db.transaction().execute(async (trx) => {
      await this.policies.putSchedule(projectId, s, ctx.actorId!, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId), action: 'compute_schedule.updated', details: { ...s } });
    });
    return this.schedule(projectId);
  }

  async deleteSchedule(projectId: string, ctx: AuditContext) {
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.policies.deleteSchedule(projectId, trx))) throw notFound('SCHEDULE_NOT_FOUND', 'this project has no compute schedule');
      await this.audit.append(trx, { ...this.base(ctx, projectId), action: 'compute_schedule.deleted', details: {} });
    });
    return this.schedule(projectId);
  }

  async idlePolicy(projectId: string) {
    const p = await this.policies.idlePolicy(projectId);
    return { idlePolicy: p ? { enabled: p.enabled, cpuThresholdPercent: p.cpuThresholdPercent, idleMinutes: p.idleMinutes, updatedAt: p.updatedAt.toISOString() } : null };
  }

  async putIdlePolicy(projectId: string, input: IdlePolicy, ctx: AuditContext) {
    const p = validateIdlePolicy(input);
    await this.db.transaction().execute(async (trx) => {
      await this.policies.putIdlePolicy(projectId, p, ctx.actorId!, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId), action: 'idle_policy.updated', details: { ...p } });
    });
    return this.idlePolicy(projectId);
  }

  async budget(projectId: string) {
    const b = await this.policies.budget(projectId);
    return { budget: b ? { monthlyAmount: b.monthlyAmount, currency: b.currency, stopAtLimit: b.stopAtLimit, updatedAt: b.updatedAt.toISOString() } : null };
  }

  async putBudget(projectId: string, input: Budget, ctx: AuditContext) {
    const b = validateBudget(input);
    const month = monthKey(new Date());
    const lifted = await this.db.transaction().execute(async (trx) => {
      await this.policies.putBudget(projectId, b, ctx.actorId!, trx);
      // A raised budget lifts this month's exhaustion now, rather than refusing starts until the month ends.
      const state = await this.policies.budgetMonth(projectId, month, trx);
      const lapsed = state ? lapsedThresholds(b, state.spent, state.notifiedThresholds) : [];
      await this.policies.clearThresholds(projectId, month, lapsed, trx);
      await this.audit.append(trx, { ...this.base(ctx, projectId), action: 'budget.updated', details: { ...b, clearedThresholds: lapsed } });
      return lapsed;
    });
    if (lifted.includes(100)) await this.announceLifted(projectId, b, month);
    return this.budget(projectId);
  }

  /**
   * Compute the budget stopped stays stopped when the budget is raised (starting it costs money, so people decide);
   * the members hear that they may start it again, and which workspaces it is.
   */
  private async announceLifted(projectId: string, b: Budget, month: string): Promise<void> {
    const stopped = (await new WorkspacesRepository(this.db).listByProject(projectId)).filter((w) => w.status === 'stopped' && w.lastStopReason === 'budget');
    if (!this.notifier || stopped.length === 0) return;
    const members = await new ProjectsRepository(this.db).members(projectId);
    await this.notifier.send({
      recipients: members.map((m) => m.userId), projectId, link: '/workspaces', kind: 'budget.lifted',
      subject: 'Compute budget raised: workspaces can be started again',
      body: `The monthly compute budget is now ${b.monthlyAmount.toFixed(2)} ${b.currency}. Stopped by the budget and still stopped: ${stopped.map((w) => w.name).join(', ')}. Start them from the portal when you need them.`,
      details: { month, monthlyAmount: b.monthlyAmount, workspaceIds: stopped.map((w) => w.id) }, idempotencyKey: `budget-lifted:${projectId}:${month}:${b.monthlyAmount.toFixed(2)}`,
    });
  }

  /** This month's spend as the budget sweep last priced it (rate card locally, Cost Management on Azure). */
  async spend(projectId: string) {
    const month = monthKey(new Date());
    const [b, m] = [await this.policies.budget(projectId), await this.policies.budgetMonth(projectId, month)];
    return {
      month,
      budget: b ? { monthlyAmount: b.monthlyAmount, currency: b.currency, stopAtLimit: b.stopAtLimit } : null,
      spend: m ? {
        source: m.source as 'rate-card' | 'cost-management', currency: m.currency, spent: m.spent, forecast: m.forecast, savings: m.savings, daily: [...m.daily],
        computedAt: m.computedAt.toISOString(), thresholdsReached: m.notifiedThresholds, exhaustedAt: m.exhaustedAt?.toISOString() ?? null,
      } : null,
    };
  }

  private base(ctx: AuditContext, projectId: string) {
    return { ...auditBase(ctx, projectId), targetType: 'project', targetId: projectId };
  }
}
