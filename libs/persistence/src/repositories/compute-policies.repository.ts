import type { Budget, ComputeSchedule, DailyCost, IdlePolicy, SweepProject } from '@cloister/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Executor } from './audit.repository';

export interface BudgetMonthRecord {
  readonly projectId: string;
  readonly month: string;
  readonly source: string;
  readonly currency: string;
  readonly spent: number;
  readonly forecast: number;
  readonly savings: number;
  readonly daily: readonly DailyCost[];
  readonly computedAt: Date;
  readonly notifiedThresholds: number[];
  readonly exhaustedAt: Date | null;
}

export interface PolicyMeta {
  readonly updatedBy: string | null;
  readonly updatedAt: Date;
}

/** A project's schedule, idle policy and budget, and the per-month state the budget sweep keeps. */
export class ComputePoliciesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async schedule(projectId: string, ex: Executor = this.db): Promise<(ComputeSchedule & PolicyMeta) | null> {
    const r = await ex.selectFrom('compute_schedules').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return r ? { stopCron: r.stop_cron, startCron: r.start_cron, timeZone: r.time_zone, enabled: r.enabled, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
  }

  async putSchedule(projectId: string, s: ComputeSchedule, by: string, ex: Executor): Promise<void> {
    const v = { stop_cron: s.stopCron, start_cron: s.startCron, time_zone: s.timeZone, enabled: s.enabled, updated_by: by, updated_at: new Date() };
    await ex.insertInto('compute_schedules').values({ project_id: projectId, ...v }).onConflict((oc) => oc.column('project_id').doUpdateSet(v)).execute();
  }

  async deleteSchedule(projectId: string, ex: Executor): Promise<boolean> {
    const r = await ex.deleteFrom('compute_schedules').where('project_id', '=', projectId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async idlePolicy(projectId: string, ex: Executor = this.db): Promise<(IdlePolicy & PolicyMeta) | null> {
    const r = await ex.selectFrom('idle_policies').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return r ? { enabled: r.enabled, cpuThresholdPercent: Number(r.cpu_threshold_percent), idleMinutes: r.idle_minutes, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
  }

  async putIdlePolicy(projectId: string, p: IdlePolicy, by: string, ex: Executor): Promise<void> {
    const v = { enabled: p.enabled, cpu_threshold_percent: p.cpuThresholdPercent, idle_minutes: p.idleMinutes, updated_by: by, updated_at: new Date() };
    await ex.insertInto('idle_policies').values({ project_id: projectId, ...v }).onConflict((oc) => oc.column('project_id').doUpdateSet(v)).execute();
  }

  async budget(projectId: string, ex: Executor = this.db): Promise<(Budget & PolicyMeta) | null> {
    const r = await ex.selectFrom('project_budgets').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return r ? { monthlyAmount: Number(r.monthly_amount), currency: r.currency, stopAtLimit: r.stop_at_limit, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
  }

  async putBudget(projectId: string, b: Budget, by: string, ex: Executor): Promise<void> {
    const v = { monthly_amount: b.monthlyAmount, currency: b.currency, stop_at_limit: b.stopAtLimit, updated_by: by, updated_at: new Date() };
    await ex.insertInto('project_budgets').values({ project_id: projectId, ...v }).onConflict((oc) => oc.column('project_id').doUpdateSet(v)).execute();
  }

  /** Every project with a budget (what the budget sweep walks). */
  async budgets(): Promise<{ projectId: string; budget: Budget }[]> {
    const rows = await this.db.selectFrom('project_budgets').selectAll().execute();
    return rows.map((r) => ({ projectId: r.project_id, budget: { monthlyAmount: Number(r.monthly_amount), currency: r.currency, stopAtLimit: r.stop_at_limit } }));
  }

  async budgetMonth(projectId: string, month: string, ex: Executor = this.db): Promise<BudgetMonthRecord | null> {
    const r = await ex.selectFrom('budget_months').selectAll().where('project_id', '=', projectId).where('month', '=', month).executeTakeFirst();
    if (!r) return null;
    return {
      projectId: r.project_id, month: r.month, source: r.source, currency: r.currency, spent: Number(r.spent), forecast: Number(r.forecast), savings: Number(r.savings),
      daily: r.daily as DailyCost[], computedAt: r.computed_at, exhaustedAt: r.notified_100_at,
      notifiedThresholds: [...(r.notified_80_at ? [80] : []), ...(r.notified_100_at ? [100] : [])],
    };
  }

  async saveBudgetMonth(m: { projectId: string; month: string; source: string; currency: string; spent: number; forecast: number; savings: number; daily: readonly DailyCost[] }, ex: Executor = this.db): Promise<void> {
    const v = { source: m.source, currency: m.currency, spent: m.spent, forecast: m.forecast, savings: m.savings, daily: JSON.stringify(m.daily), computed_at: new Date() };
    await ex.insertInto('budget_months').values({ project_id: m.projectId, month: m.month, ...v }).onConflict((oc) => oc.columns(['project_id', 'month']).doUpdateSet(v)).execute();
  }

  /** Records a threshold as notified; false if someone already did (so each is announced once a month). Reaching 100 % exhausts the month. */
  async markThreshold(projectId: string, month: string, threshold: 80 | 100, at: Date, ex: Executor): Promise<boolean> {
    const q = threshold === 80
      ? ex.updateTable('budget_months').set({ notified_80_at: at }).where('notified_80_at', 'is', null)
      : ex.updateTable('budget_months').set({ notified_100_at: at }).where('notified_100_at', 'is', null);
    const r = await q.where('project_id', '=', projectId).where('month', '=', month).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Forgets thresholds a changed budget no longer reaches; clearing 100 % lifts the month's exhaustion too. */
  async clearThresholds(projectId: string, month: string, thresholds: readonly (80 | 100)[], ex: Executor): Promise<void> {
    if (!thresholds.length) return;
    await ex.updateTable('budget_months')
      .set({ ...(thresholds.includes(80) && { notified_80_at: null }), ...(thresholds.includes(100) && { notified_100_at: null }) })
      .where('project_id', '=', projectId).where('month', '=', month).execute();
  }

  /** Every project with a schedule, idle policy or stop-at-limit budget, with this month's exhaustion. */
  async forSweep(month: string): Promise<SweepProject[]> {
    const [schedules, idle, budgets, months] = await Promise.all([
      this.db.selectFrom('compute_schedules').selectAll().execute(),
      this.db.selectFrom('idle_policies').selectAll().where('enabled', '=', true).execute(),
      this.db.selectFrom('project_budgets').select(['project_id']).where('stop_at_limit', '=', true).execute(),
      this.db.selectFrom('budget_months').select(['project_id', 'notified_100_at']).where('month', '=', month).where('notified_100_at', 'is not', null).execute(),
    ]);
    const exhausted = new Map(months.map((m) => [m.project_id, m.notified_100_at]));
    const stopping = new Set(budgets.map((b) => b.project_id));
    const byProject = new Map<string, { schedule: ComputeSchedule | null; idle: IdlePolicy | null; budgetExhaustedAt: Date | null }>();
    const entry = (id: string) => {
      const e = byProject.get(id) ?? { schedule: null, idle: null, budgetExhaustedAt: stopping.has(id) ? (exhausted.get(id) ?? null) : null };
      byProject.set(id, e);
      return e;
    };
    for (const s of schedules) entry(s.project_id).schedule = { stopCron: s.stop_cron, startCron: s.start_cron, timeZone: s.time_zone, enabled: s.enabled };
    for (const p of idle) entry(p.project_id).idle = { enabled: p.enabled, cpuThresholdPercent: Number(p.cpu_threshold_percent), idleMinutes: p.idle_minutes };
    for (const id of stopping) entry(id);
    return [...byProject].map(([projectId, e]) => ({ projectId, ...e }));
  }
}
