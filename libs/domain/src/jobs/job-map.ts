/**
 * Every background job, by queue. The worker refuses to boot if any job here lacks a processor, and producers
 * can only enqueue a (queue, name, payload) triple that this map allows.
 */
export interface JobMap {
  provisioning: {
    'provision-project': { projectId: string };
    'decommission-project': { projectId: string };
  };
  ingress: {
    'transfer-dataset': { versionId: string };
  };
  // Automated checks of a submitted export request (freeze, type/size/rows, PII, disclosure); once per round.
  'export-check': {
    'check-request': { requestId: string; round: number };
  };
  // Copies an approved request's frozen bytes, re-hashed, to the public export area; after a revoke, removes them.
  release: {
    'release-request': { requestId: string };
    'unpublish-request': { requestId: string };
  };
  // Workspace lifecycle: each operation is one job; `reason` says who or what asked (automatic stops and starts come
  // from sweeps, with `dueAt`, the instant that made them due; null for a person's).
  workspaces: {
    'create-workspace': { workspaceId: string };
    'start-workspace': { workspaceId: string; reason: 'manual' | 'schedule'; dueAt: string | null };
    'stop-workspace': { workspaceId: string; reason: 'manual' | 'schedule' | 'idle' | 'budget'; dueAt: string | null };
    'delete-workspace': { workspaceId: string };
  };
  // Recurring sweeps (BullMQ job schedulers): they decide what is due and enqueue workspace jobs.
  shutdown: {
    'schedule-sweep': Record<string, never>;
    'idle-sweep': Record<string, never>;
    'budget-sweep': Record<string, never>;
  };
  maintenance: {
    'heartbeat': { at: string };
    'audit-verify': Record<string, never>;
    'expire-uploads': Record<string, never>;
    // Reads the platform's and each deployed project's policy compliance for the posture view.
    'posture-sweep': Record<string, never>;
    // Gives a job again to every record left in a job-owing state with no live job (a crash between commit and enqueue).
    'reconcile-jobs': Record<string, never>;
  };
  // Outgoing notification channels: one job per logged delivery, so each is retried on its own.
  notifications: {
    'send-email': { deliveryId: string };
    'deliver-webhook': { deliveryId: string };
  };
}

export type QueueName = keyof JobMap;
export type JobName<Q extends QueueName> = Extract<keyof JobMap[Q], string>;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobMap[Q][N];

export const QUEUE_NAMES: readonly QueueName[] = ['provisioning', 'ingress', 'export-check', 'release', 'maintenance', 'workspaces', 'shutdown', 'notifications'];

/** Job names per queue, spelled out so the worker can check its processors at boot. */
export const JOB_NAMES: { readonly [Q in QueueName]: readonly JobName<Q>[] } = {
  provisioning: ['provision-project', 'decommission-project'],
  ingress: ['transfer-dataset'],
  'export-check': ['check-request'],
  release: ['release-request', 'unpublish-request'],
  maintenance: ['heartbeat', 'audit-verify', 'expire-uploads', 'posture-sweep', 'reconcile-jobs'],
  workspaces: ['create-workspace', 'start-workspace', 'stop-workspace', 'delete-workspace'],
  shutdown: ['schedule-sweep', 'idle-sweep', 'budget-sweep'],
  notifications: ['send-email', 'deliver-webhook'],
};

/** Enqueues jobs; `idempotencyKey` makes a second enqueue of the same work a no-op. */
export interface JobQueuePort {
  enqueue<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N, payload: JobPayload<Q, N>, idempotencyKey: string): Promise<void>;
}
