import { describe, expect, it } from 'vitest';
import { DATASET_TRANSITIONS } from '../datasets/dataset-status';
import { EXPORT_TRANSITIONS } from '../exports/export-status';
import { PROJECT_TRANSITIONS } from '../projects/project-status';
import { WORKSPACE_IN_PROGRESS, WORKSPACE_TRANSITIONS } from '../workspaces/workspace-status';
import { JOB_NAMES, QUEUE_NAMES } from './job-map';
import {
  DATASET_STATES_OWING_JOBS, EXPORT_STATES_OWING_JOBS, JOB_SUBJECT, jobWorkKey, owedWorkspaceJob, PROJECT_STATES_OWING_JOBS, WORKSPACE_STATES_OWING_JOBS,
} from './owed-jobs';
import { payloadProblem } from './job-payloads';

const systemLeaves = (table: readonly { from: string; actors: readonly string[] }[], state: string) =>
  table.some((t) => t.from === state && t.actors.includes('system'));

describe('owed jobs', () => {
  it('names a subject (or none) for exactly the jobs of the job map', () => {
    for (const queue of QUEUE_NAMES) expect(Object.keys(JOB_SUBJECT[queue]).sort()).toEqual([...JOB_NAMES[queue]].sort());
  });

  it('keys a job by queue, name and subject, whatever else its payload holds', () => {
    expect(jobWorkKey('export-check', 'check-request', { requestId: 'r1', round: 2, idempotencyKey: 'x' })).toBe('export-check/check-request/r1');
    expect(jobWorkKey('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'idle', dueAt: null })).toBe('workspaces/stop-workspace/w1');
    expect(jobWorkKey('shutdown', 'idle-sweep', {})).toBeNull();
    expect(jobWorkKey('ingress', 'transfer-dataset', { versionId: 42 })).toBeNull();
    expect(jobWorkKey('ingress', 'transfer-dataset', null)).toBeNull();
    expect(jobWorkKey('ingress', 'no-such-job', { versionId: 'v' })).toBeNull();
  });

  it('only lists states the system leaves, so the job it owes can move the record on', () => {
    for (const s of Object.keys(PROJECT_STATES_OWING_JOBS)) expect(systemLeaves(PROJECT_TRANSITIONS, s), s).toBe(true);
    for (const s of Object.keys(DATASET_STATES_OWING_JOBS)) expect(systemLeaves(DATASET_TRANSITIONS, s), s).toBe(true);
    for (const s of Object.keys(WORKSPACE_STATES_OWING_JOBS)) expect(systemLeaves(WORKSPACE_TRANSITIONS, s), s).toBe(true);
    for (const s of Object.keys(EXPORT_STATES_OWING_JOBS)) expect(systemLeaves(EXPORT_TRANSITIONS, s), s).toBe(true);
  });

  it('owes a job for every workspace state that is work under way', () => {
    expect(Object.keys(WORKSPACE_STATES_OWING_JOBS).sort()).toEqual([...WORKSPACE_IN_PROGRESS].sort());
  });

  it('gives a waiting workspace its job again with the reason and due instant its move recorded', () => {
    const dueAt = new Date('2026-03-02T19:00:00.000Z');
    const owed = (status: 'creating' | 'starting' | 'stopping' | 'deleting', requestedReason: 'manual' | 'schedule' | 'idle' | 'budget' | null, requestedDueAt: Date | null = null) =>
      owedWorkspaceJob({ id: 'w1', status, requestedReason, requestedDueAt });
    expect(owed('stopping', 'idle', dueAt)).toEqual({ queue: 'workspaces', name: 'stop-workspace', payload: { workspaceId: 'w1', reason: 'idle', dueAt: dueAt.toISOString() } });
    expect(owed('stopping', 'budget', dueAt).payload).toMatchObject({ reason: 'budget' });
    expect(owed('starting', 'schedule', dueAt)).toEqual({ queue: 'workspaces', name: 'start-workspace', payload: { workspaceId: 'w1', reason: 'schedule', dueAt: dueAt.toISOString() } });
    // Nothing recorded (a person's request, or a row from before the record) is a person's: manual, never due.
    expect(owed('stopping', null).payload).toEqual({ workspaceId: 'w1', reason: 'manual', dueAt: null });
    expect(owed('starting', null).payload).toEqual({ workspaceId: 'w1', reason: 'manual', dueAt: null });
    expect(owed('stopping', 'manual', dueAt).payload).toEqual({ workspaceId: 'w1', reason: 'manual', dueAt: null });
    expect(owed('creating', null)).toEqual({ queue: 'workspaces', name: 'create-workspace', payload: { workspaceId: 'w1' } });
    expect(owed('deleting', null)).toEqual({ queue: 'workspaces', name: 'delete-workspace', payload: { workspaceId: 'w1' } });
    // What the reconciler enqueues passes the worker's payload check.
    for (const job of [owed('stopping', 'idle', dueAt), owed('starting', 'schedule', dueAt), owed('stopping', null), owed('deleting', null)]) {
      expect(payloadProblem(job.queue, job.name, job.payload)).toBeNull();
    }
  });
});
