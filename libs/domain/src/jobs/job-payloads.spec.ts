import { describe, expect, it } from 'vitest';
import { JOB_NAMES, QUEUE_NAMES } from './job-map';
import { JOB_PAYLOAD_FIELDS, payloadProblem } from './job-payloads';

describe('job payload check', () => {
  it('has a field spec for exactly the jobs of the job map', () => {
    for (const queue of QUEUE_NAMES) expect(Object.keys(JOB_PAYLOAD_FIELDS[queue]).sort()).toEqual([...JOB_NAMES[queue]].sort());
  });

  it('accepts what producers send, with the idempotency key the queue adds', () => {
    expect(payloadProblem('release', 'unpublish-request', { requestId: 'r1', idempotencyKey: 'unpublish:r1' })).toBeNull();
    expect(payloadProblem('export-check', 'check-request', { requestId: 'r1', round: 2 })).toBeNull();
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'idle', dueAt: '2026-01-01T00:00:00.000Z' })).toBeNull();
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'manual', dueAt: null })).toBeNull();
    // Job schedulers add sweeps with empty data.
    expect(payloadProblem('shutdown', 'idle-sweep', {})).toBeNull();
  });

  it('names the field that is missing or of the wrong kind', () => {
    expect(payloadProblem('release', 'unpublish-request', { id: 'r1' })).toBe('requestId: missing');
    expect(payloadProblem('release', 'unpublish-request', { requestId: 42 })).toBe('requestId: must be a string (got 42)');
    expect(payloadProblem('export-check', 'check-request', { requestId: 'r1', round: '2' })).toBe('round: must be a number (got "2")');
    expect(payloadProblem('export-check', 'check-request', { requestId: 'r1', round: Number.NaN })).toBe('round: must be a number (got null)');
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'idle' })).toBe('dueAt: missing');
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'idle', dueAt: 5 })).toBe('dueAt: must be a string or null (got 5)');
    // A null id is as wrong as a missing one: handlers would look up "null".
    expect(payloadProblem('notifications', 'send-email', { deliveryId: null })).toBe('deliveryId: must be a string (got null)');
  });

  it('accepts only the values an enum field allows', () => {
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'sleepy', dueAt: null }))
      .toBe('reason: must be one of manual, schedule, idle, budget (got "sleepy")');
    // Inherited names are not values.
    expect(payloadProblem('workspaces', 'stop-workspace', { workspaceId: 'w1', reason: 'toString', dueAt: null })).toMatch(/^reason: must be one of/);
  });

  it('refuses data that is not an object, and jobs the map does not define', () => {
    expect(payloadProblem('release', 'unpublish-request', null)).toBe('payload: must be an object');
    expect(payloadProblem('release', 'unpublish-request', 'r1')).toBe('payload: must be an object');
    expect(payloadProblem('release', 'unpublish-request', ['r1'])).toBe('payload: must be an object');
    expect(payloadProblem('release', 'publish-request', { requestId: 'r1' })).toBe('release/publish-request is not a job of the job map');
    expect(payloadProblem('nowhere', 'heartbeat', {})).toBe('nowhere/heartbeat is not a job of the job map');
  });
});
