import { describe, expect, it } from 'vitest';
import { decideDueActions, isDueActionSuperseded, isRecordedRequest, type SweepProject, type SweepWorkspace } from './due-actions';

const stopAt = new Date('2026-07-03T18:00:00Z'); // 19:00 London
const now = new Date('2026-07-03T18:01:00Z');
const ms = (iso: string) => new Date(iso).getTime();
const schedule = { stopCron: '0 19 * * 1-5', startCron: '0 8 * * 1-5', timeZone: 'Europe/London', enabled: true };
const project = (over: Partial<SweepProject> = {}): SweepProject => ({ projectId: 'p1', schedule, idle: null, budgetExhaustedAt: null, ...over });
const ws = (id: string, over: Partial<SweepWorkspace> = {}): SweepWorkspace => ({
  id, projectId: 'p1', status: 'running', statusSinceMs: ms('2026-07-03T09:00:00Z'), lastStopReason: null, ...over,
});

describe('due actions', () => {
  it('stops what ran through the schedule occurrence, once per workspace and occurrence', () => {
    const due = decideDueActions({
      now, lookbackMs: 10 * 60_000, projects: [project()], cpu: new Map(),
      workspaces: [ws('a'), ws('b', { statusSinceMs: ms('2026-07-03T18:00:30Z') }), ws('c', { status: 'stopped' }), ws('d', { status: 'stopping' })],
    });
    expect(due).toEqual([{ workspaceId: 'a', projectId: 'p1', action: 'stop', reason: 'schedule', dueAt: stopAt, idempotencyKey: `workspace-stop:a:${stopAt.toISOString()}` }]);
    // The next tick sees the same occurrence and produces the same key, so the queue ignores the repeat.
    const again = decideDueActions({ now: new Date(now.getTime() + 60_000), lookbackMs: 10 * 60_000, projects: [project()], cpu: new Map(), workspaces: [ws('a')] });
    expect(again[0]?.idempotencyKey).toBe(due[0]?.idempotencyKey);
  });

  it('ignores disabled schedules and occurrences older than the lookback', () => {
    const base = { cpu: new Map(), workspaces: [ws('a')] };
    expect(decideDueActions({ ...base, now, lookbackMs: 600_000, projects: [project({ schedule: { ...schedule, enabled: false } })] })).toEqual([]);
    expect(decideDueActions({ ...base, now: new Date(ms('2026-07-03T19:00:00Z')), lookbackMs: 600_000, projects: [project()] })).toEqual([]);
  });

  it('stops idle VMs only after a full idle window below the threshold', () => {
    const noon = new Date('2026-07-03T12:00:00Z');
    const idle = { enabled: true, cpuThresholdPercent: 5, idleMinutes: 60 };
    const cpu = new Map([['a', { averagePercent: 2, coveredMinutes: 60 }], ['b', { averagePercent: 30, coveredMinutes: 60 }], ['c', { averagePercent: 1, coveredMinutes: 60 }]]);
    const due = decideDueActions({
      now: noon, lookbackMs: 600_000, projects: [project({ idle })], cpu,
      workspaces: [ws('a'), ws('b'), ws('c', { statusSinceMs: ms('2026-07-03T11:30:00Z') })],
    });
    expect(due.map((a) => `${a.workspaceId}:${a.reason}:${a.dueAt.toISOString()}`)).toEqual(['a:idle:2026-07-03T09:00:00.000Z']);
  });

  it('stops everything running once the budget is exhausted, and then starts nothing', () => {
    const exhausted = new Date('2026-07-03T10:15:00Z');
    const startTick = new Date('2026-07-06T07:00:30Z');
    const stopped = ws('s', { status: 'stopped', lastStopReason: 'schedule', statusSinceMs: ms('2026-07-03T18:02:00Z') });
    const due = decideDueActions({ now: new Date('2026-07-03T12:00:00Z'), lookbackMs: 600_000, projects: [project({ budgetExhaustedAt: exhausted })], cpu: new Map(), workspaces: [ws('a'), stopped] });
    expect(due.map((a) => `${a.workspaceId}:${a.action}:${a.reason}`)).toEqual(['a:stop:budget']);
    expect(decideDueActions({ now: startTick, lookbackMs: 600_000, projects: [project({ budgetExhaustedAt: exhausted })], cpu: new Map(), workspaces: [stopped] })).toEqual([]);
  });

  it('lets a later change of state supersede a due automatic action, but not one at or before its due instant', () => {
    const dueAt = new Date('2026-03-02T08:00:00Z');
    expect(isDueActionSuperseded(new Date('2026-03-01T19:01:00Z'), dueAt)).toBe(false);
    expect(isDueActionSuperseded(dueAt, dueAt)).toBe(false);
    expect(isDueActionSuperseded(new Date('2026-03-02T08:05:00Z'), dueAt)).toBe(true);
  });

  it('starts in the morning only what the schedule stopped', () => {
    const startTick = new Date('2026-07-06T07:00:30Z');
    const byScheduleAt = ms('2026-07-03T18:02:00Z');
    const due = decideDueActions({
      now: startTick, lookbackMs: 600_000, projects: [project()], cpu: new Map(),
      workspaces: [ws('s', { status: 'stopped', lastStopReason: 'schedule', statusSinceMs: byScheduleAt }), ws('m', { status: 'stopped', lastStopReason: 'manual', statusSinceMs: byScheduleAt })],
    });
    expect(due.map((a) => `${a.workspaceId}:${a.action}:${a.dueAt.toISOString()}`)).toEqual(['s:start:2026-07-06T07:00:00.000Z']);
  });
});

describe('isRecordedRequest', () => {
  const due = new Date('2026-07-03T18:00:00Z');
  it('matches the job that asked for the move, and a person\'s job for a move nobody automatic asked for', () => {
    expect(isRecordedRequest({ reason: 'idle', dueAt: due }, { reason: 'idle', dueAt: new Date(due.getTime()) })).toBe(true);
    expect(isRecordedRequest({ reason: null, dueAt: null }, { reason: 'manual', dueAt: null })).toBe(true);
  });
  it('refuses an automatic job when a person asked, a person\'s job when an automatic stop asked, and another due instant', () => {
    expect(isRecordedRequest({ reason: null, dueAt: null }, { reason: 'idle', dueAt: due })).toBe(false);
    expect(isRecordedRequest({ reason: 'budget', dueAt: due }, { reason: 'manual', dueAt: null })).toBe(false);
    expect(isRecordedRequest({ reason: 'schedule', dueAt: due }, { reason: 'schedule', dueAt: new Date(due.getTime() + 86_400_000) })).toBe(false);
  });
});
