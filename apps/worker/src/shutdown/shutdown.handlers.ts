import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  type ComputeMetricsPort, type CostPort, type CpuReading, decideDueActions, type DueAction, forecastMonth, type JobQueuePort, monthKey, monthStartUtc,
  newlyCrossedThresholds, type NotifierPort, savingsFromAutomaticStops, type SweepProject, targetOf,
} from '@cloister/domain';
import { AuditRepository, ComputePoliciesRepository, type Db, ProjectsRepository, WorkspacesRepository } from '@cloister/persistence';
import { DATABASE, NOTIFIER } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';
import { JobProducer } from '../jobs/job-producer';
import { COMPUTE_METRICS, COST } from '../workspaces/workspace-tokens';

/** A schedule occurrence still counts this long afterwards, so one missed tick loses nothing (the key dedupes). */
export const SCHEDULE_LOOKBACK_MS = 10 * 60_000;

/** Enqueues each due action once: its idempotency key (workspace + action + due instant) is the job id. */
export async function enqueueDue(jobs: JobQueuePort, due: readonly DueAction[]): Promise<void> {
  for (let i = 0; i < due.length; i += 200) {
    await Promise.all(due.slice(i, i + 200).map((a) => a.action === 'stop'
      ? jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: a.workspaceId, reason: a.reason, dueAt: a.dueAt.toISOString() }, a.idempotencyKey)
      : jobs.enqueue('workspaces', 'start-workspace', { workspaceId: a.workspaceId, reason: 'schedule', dueAt: a.dueAt.toISOString() }, a.idempotencyKey)));
  }
}

/**
 * The recurring shutdown sweeps. Each reads the state it needs in a few queries, lets the pure domain decision
 * pick what is due, and enqueues workspace jobs; the jobs do the stopping (and the audit and notifications).
 */
@Injectable()
export class ShutdownHandlers {
  private readonly logger = new Logger('shutdown');
  private readonly workspaces: WorkspacesRepository;
  private readonly policies: ComputePoliciesRepository;
  private readonly jobs: JobQueuePort;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    producer: JobProducer,
    @Inject(COMPUTE_METRICS) private readonly metrics: ComputeMetricsPort,
    @Inject(COST) private readonly cost: CostPort,
    @Optional() @Inject(NOTIFIER) private readonly notifier: NotifierPort | null,
  ) {
    this.workspaces = new WorkspacesRepository(db);
    this.policies = new ComputePoliciesRepository(db);
    this.jobs = producer.queue;
  }

  /** Schedule stops and starts, and stops of projects whose budget is exhausted. */
  @OnJob('shutdown', 'schedule-sweep')
  async scheduleSweep(): Promise<{ due: number }> {
    const now = new Date();
    const projects = (await this.policies.forSweep(monthKey(now))).map((p): SweepProject => ({ ...p, idle: null }));
    if (!projects.length) return { due: 0 };
    const due = decideDueActions({ now, lookbackMs: SCHEDULE_LOOKBACK_MS, projects, workspaces: await this.workspaces.forSweep(), cpu: new Map() });
    await enqueueDue(this.jobs, due);
    return { due: due.length };
  }

  /** Idle stops: reads average CPU over each project's idle window for its running workspaces. */
  @OnJob('shutdown', 'idle-sweep')
  async idleSweep(): Promise<{ due: number }> {
    const now = new Date();
    const projects = (await this.policies.forSweep(monthKey(now))).filter((p) => p.idle?.enabled).map((p): SweepProject => ({ ...p, schedule: null, budgetExhaustedAt: null }));
    if (!projects.length) return { due: 0 };
    const withIdle = new Map(projects.map((p) => [p.projectId, p.idle!]));
    const running = (await this.workspaces.forSweep()).filter((w) => w.status === 'running' && withIdle.has(w.projectId));
    const cpu = new Map<string, CpuReading>();
    // One read of every running workspace's record for the whole sweep, not one per workspace.
    const records = new Map((await this.workspaces.findByIds(running.map((w) => w.id))).map((w) => [w.id, w]));
    for (const minutes of new Set([...withIdle.values()].map((p) => p.idleMinutes))) {
      const ids = running.filter((w) => withIdle.get(w.projectId)!.idleMinutes === minutes).map((w) => w.id);
      const targets = ids.map((id) => records.get(id)).flatMap((w) => (w ? [targetOf(w)] : []));
      for (const [id, r] of await this.metrics.averageCpu(targets, new Date(now.getTime() - minutes * 60_000), now)) cpu.set(id, r);
    }
    const due = decideDueActions({ now, lookbackMs: SCHEDULE_LOOKBACK_MS, projects, workspaces: running, cpu });
    await enqueueDue(this.jobs, due);
    return { due: due.length };
  }

  /**
   * Month-to-date spend, forecast and savings per budgeted project; members hear once at 80 % and once at 100 %;
   * at 100 % a stop-at-limit project's running compute is stopped.
   */
  @OnJob('shutdown', 'budget-sweep')
  async budgetSweep(): Promise<{ projects: number; notified: number }> {
    const now = new Date();
    const [month, monthStart] = [monthKey(now), monthStartUtc(now)];
    let notified = 0;
    const budgets = await this.policies.budgets();
    for (const { projectId, budget } of budgets) {
      try {
        const cost = await this.cost.monthToDate(projectId, monthStart, now);
        const { spent, forecast } = forecastMonth(cost.daily, now);
        const savings = savingsFromAutomaticStops(await this.workspaces.runsOverlapping(projectId, monthStart, now), monthStart, now);
        await this.policies.saveBudgetMonth({ projectId, month, source: this.cost.source, currency: cost.currency, spent, forecast, savings, daily: cost.daily });
        const state = await this.policies.budgetMonth(projectId, month);
        for (const threshold of newlyCrossedThresholds(budget, spent, state?.notifiedThresholds ?? [])) {
          if (await this.reachThreshold(projectId, month, threshold, spent, budget.monthlyAmount, budget.currency, now)) notified += 1;
        }
      } catch (e) {
        // One project's Cost Management error must not hold up the others; the next tick tries again.
        this.logger.warn(`budget sweep of project ${projectId} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // Exhausted stop-at-limit budgets stop compute straight away rather than at the next schedule tick.
    const exhausted = (await this.policies.forSweep(month)).filter((p) => p.budgetExhaustedAt).map((p): SweepProject => ({ ...p, schedule: null, idle: null }));
    if (exhausted.length) await enqueueDue(this.jobs, decideDueActions({ now, lookbackMs: 0, projects: exhausted, workspaces: await this.workspaces.forSweep(), cpu: new Map() }));
    return { projects: budgets.length, notified };
  }

  /**
   * Notifies before marking: a crash in between re-sends next tick (the key dedupes) rather than losing the notice.
   * The key holds the budget's amount, so a threshold crossed again after the budget was changed is announced again.
   */
  private async reachThreshold(projectId: string, month: string, threshold: 80 | 100, spent: number, amount: number, currency: string, now: Date): Promise<boolean> {
    if (this.notifier) {
      const members = await new ProjectsRepository(this.db).members(projectId);
      await this.notifier.send({
        recipients: members.map((m) => m.userId), projectId, link: '/projects', kind: 'budget.threshold_reached',
        subject: `Compute budget ${threshold} % used`,
        body: `This project has spent ${spent.toFixed(2)} ${currency} of its ${amount.toFixed(2)} ${currency} monthly compute budget (${month}).`,
        details: { month, threshold }, idempotencyKey: `budget:${projectId}:${month}:${threshold}:${amount.toFixed(2)}`,
      });
    }
    const marked = await this.db.transaction().execute(async (trx) => {
      if (!(await this.policies.markThreshold(projectId, month, threshold, now, trx))) return false;
      await new AuditRepository(this.db).append(trx, {
        actorId: null, actorEmail: null, action: 'budget.threshold_reached', targetType: 'project', targetId: projectId, projectId, requestId: null, sourceIp: null,
        details: { month, threshold, spent, monthlyAmount: amount, currency },
      });
      return true;
    });
    return marked;
  }
}
