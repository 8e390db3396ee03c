import type { CpuReading } from '../workspaces/compute.port';
import type { AutomaticStopReason, StopReason } from '../workspaces/workspace-catalogue';
import type { WorkspaceStatus } from '../workspaces/workspace-status';
import { type ComputeSchedule, latestOccurrence } from './compute-schedule';
import { type IdlePolicy, isIdle } from './idle-policy';

/** What a sweep knows about one workspace. */
export interface SweepWorkspace {
  readonly id: string;
  readonly projectId: string;
  readonly status: WorkspaceStatus;
  /** When it entered its current status (epoch ms). */
  readonly statusSinceMs: number;
  readonly lastStopReason: StopReason | null;
}

/** A project's compute policies, as the sweep needs them. */
export interface SweepProject {
  readonly projectId: string;
  readonly schedule: ComputeSchedule | null;
  readonly idle: IdlePolicy | null;
  /** When this month's budget ran out, if the project stops compute at the limit; otherwise null. */
  readonly budgetExhaustedAt: Date | null;
}

export interface DueAction {
  readonly workspaceId: string;
  readonly projectId: string;
  readonly action: 'stop' | 'start';
  readonly reason: AutomaticStopReason;
  /** The instant that made it due: the schedule's occurrence, the running period's start (idle), the budget's exhaustion. */
  readonly dueAt: Date;
  /** Workspace + action + due instant: however many ticks or replicas see it, the job is enqueued once. */
  readonly idempotencyKey: string;
}

export interface SweepInput {
  readonly now: Date;
  /** How far back a schedule occurrence still counts (covers a missed tick); repeats are absorbed by the key. */
  readonly lookbackMs: number;
  readonly projects: readonly SweepProject[];
  readonly workspaces: readonly SweepWorkspace[];
  /** Average CPU over each project's idle window, for running workspaces (missing: not evaluated). */
  readonly cpu: ReadonlyMap<string, CpuReading>;
}

/**
 * An automatic stop or start applies only to a workspace that has been in its current state since before the instant
 * that made it due. One that changed state after it (a person started or stopped it since) has superseded it: an old
 * decision, run late from the queue, must not undo what someone did after.
 */
export const isDueActionSuperseded = (statusSince: Date, dueAt: Date): boolean => statusSince.getTime() > dueAt.getTime();

/** Why a workspace's current start or stop was requested, as recorded on it; a null reason is a person's request. */
export interface RecordedRequest {
  readonly reason: StopReason | null;
  readonly dueAt: Date | null;
}

/**
 * Whether a start or stop job is the one that requested the workspace's current move. A job that finds the workspace
 * already starting or stopping at someone else's request (a person's stop made after an idle stop fell due, say) must
 * leave that move to its own job: finishing it would record the wrong reason and tell members of a stop nobody made.
 */
export function isRecordedRequest(recorded: RecordedRequest, job: { readonly reason: StopReason; readonly dueAt: Date | null }): boolean {
  return (recorded.reason ?? 'manual') === job.reason && (recorded.dueAt?.getTime() ?? null) === (job.dueAt?.getTime() ?? null);
}

export const dueActionKey = (workspaceId: string, action: 'stop' | 'start', dueAt: Date) => `workspace-${action}:${workspaceId}:${dueAt.toISOString()}`;

interface ProjectMoments {
  readonly policy: SweepProject;
  readonly stopAt: Date | null;
  readonly startAt: Date | null;
}

/**
 * Decides which workspaces to stop or start now. Pure and linear: each distinct (cron, time zone) is evaluated once
 * per tick, then each workspace is one map lookup and a few comparisons, so 10,000 workspaces take milliseconds.
 *
 * - schedule stop: running since before the latest stop occurrence;
 * - budget stop: running while the budget is exhausted (stop-at-limit projects only);
 * - idle stop: running for the whole idle window with average CPU below the threshold;
 * - schedule start: stopped by the schedule before the latest start occurrence, unless the budget blocks it.
 */
export function decideDueActions(input: SweepInput): DueAction[] {
  const nowMs = input.now.getTime();
  // Projects mostly share a few schedules ("0 19 * * 1-5" in a handful of zones): evaluate each (cron, zone) once.
  const occurrences = new Map<string, Date | null>();
  const occurrence = (expr: string, tz: string) => {
    const key = `${expr}|${tz}`;
    if (!occurrences.has(key)) occurrences.set(key, latestOccurrence(expr, tz, input.now, input.lookbackMs));
    return occurrences.get(key) ?? null;
  };
  const moments = new Map<string, ProjectMoments>();
  for (const p of input.projects) {
    const s = p.schedule?.enabled ? p.schedule : null;
    moments.set(p.projectId, {
      policy: p,
      stopAt: s ? occurrence(s.stopCron, s.timeZone) : null,
      startAt: s?.startCron ? occurrence(s.startCron, s.timeZone) : null,
    });
  }
  const due: DueAction[] = [];
  const push = (w: SweepWorkspace, action: 'stop' | 'start', reason: AutomaticStopReason, dueAt: Date) =>
    due.push({ workspaceId: w.id, projectId: w.projectId, action, reason, dueAt, idempotencyKey: dueActionKey(w.id, action, dueAt) });

  for (const w of input.workspaces) {
    const m = moments.get(w.projectId);
    if (!m) continue;
    if (w.status === 'running') {
      if (m.stopAt && w.statusSinceMs <= m.stopAt.getTime()) push(w, 'stop', 'schedule', m.stopAt);
      else if (m.policy.budgetExhaustedAt) push(w, 'stop', 'budget', m.policy.budgetExhaustedAt);
      else if (m.policy.idle && isIdle(m.policy.idle, nowMs - w.statusSinceMs, input.cpu.get(w.id))) push(w, 'stop', 'idle', new Date(w.statusSinceMs));
    } else if (w.status === 'stopped' && m.startAt && !m.policy.budgetExhaustedAt && w.lastStopReason === 'schedule' && w.statusSinceMs <= m.startAt.getTime()) {
      push(w, 'start', 'schedule', m.startAt);
    }
  }
  return due;
}
