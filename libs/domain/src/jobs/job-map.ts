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
  // Export-check, release and shutdown queues join this map with the features that process them.
  maintenance: {
    'heartbeat': { at: string };
    'audit-verify': Record<string, never>;
    'expire-uploads': Record<string, never>;
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

export const QUEUE_NAMES: readonly QueueName[] = ['provisioning', 'ingress', 'maintenance', 'notifications'];

/** Job names per queue, spelled out so the worker can check its processors at boot. */
export const JOB_NAMES: { readonly [Q in QueueName]: readonly JobName<Q>[] } = {
  provisioning: ['provision-project', 'decommission-project'],
  ingress: ['transfer-dataset'],
  maintenance: ['heartbeat', 'audit-verify', 'expire-uploads'],
  notifications: ['send-email', 'deliver-webhook'],
};

/** Enqueues jobs; `idempotencyKey` makes a second enqueue of the same work a no-op. */
export interface JobQueuePort {
  enqueue<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N, payload: JobPayload<Q, N>, idempotencyKey: string): Promise<void>;
}
