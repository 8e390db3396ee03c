import type { DatasetStatus } from '../datasets/dataset-status';
import type { ExportStatus } from '../exports/export-status';
import type { ProjectStatus } from '../projects/project-status';
import type { WorkspaceStatus } from '../workspaces/workspace-status';
import type { JobName, JobPayload, QueueName } from './job-map';

/** One job of the map, fully typed: what a reconciler may enqueue again. */
export type AnyJob = {
  [Q in QueueName]: { [N in JobName<Q>]: { readonly queue: Q; readonly name: N; readonly payload: JobPayload<Q, N> } }[JobName<Q>]
}[QueueName];

type StringFields<P> = Extract<{ [K in keyof P]-?: P[K] extends string ? K : never }[keyof P], string>;

/**
 * The payload field naming the record each job acts on; null for sweeps, which act on no single record. Two jobs
 * with the same queue, name and subject do the same work whatever their ids, so one live job is enough.
 */
export const JOB_SUBJECT: { readonly [Q in QueueName]: { readonly [N in JobName<Q>]: StringFields<JobPayload<Q, N>> | null } } = {
  provisioning: { 'provision-project': 'projectId', 'decommission-project': 'projectId' },
  ingress: { 'transfer-dataset': 'versionId' },
  'export-check': { 'check-request': 'requestId' },
  release: { 'release-request': 'requestId', 'unpublish-request': 'requestId' },
  workspaces: { 'create-workspace': 'workspaceId', 'start-workspace': 'workspaceId', 'stop-workspace': 'workspaceId', 'delete-workspace': 'workspaceId' },
  shutdown: { 'schedule-sweep': null, 'idle-sweep': null, 'budget-sweep': null },
  maintenance: { 'heartbeat': null, 'audit-verify': null, 'expire-uploads': null, 'posture-sweep': null, 'reconcile-jobs': null },
  notifications: { 'send-email': 'deliveryId', 'deliver-webhook': 'deliveryId' },
};

/** `queue/name/subject` of a job, or null for a job with no subject (or a payload that lacks it). */
export function jobWorkKey(queue: QueueName, name: string, payload: unknown): string | null {
  const field = (JOB_SUBJECT[queue] as Readonly<Record<string, string | null>>)[name];
  if (!field || typeof payload !== 'object' || payload === null) return null;
  const subject = (payload as Record<string, unknown>)[field];
  return typeof subject === 'string' ? `${queue}/${name}/${subject}` : null;
}

/**
 * States in which the platform, not a person, owes the next move, and the job that makes it. A record found in one
 * of them with no live job behind it lost its job (a crash between a commit and its enqueue) and is given another.
 */
export const PROJECT_STATES_OWING_JOBS = {
  provisioning: 'provision-project',
  decommissioning: 'decommission-project',
} as const satisfies Partial<Record<ProjectStatus, JobName<'provisioning'>>>;

export const DATASET_STATES_OWING_JOBS = {
  submitted: 'transfer-dataset',
  transferring: 'transfer-dataset',
  verifying: 'transfer-dataset',
} as const satisfies Partial<Record<DatasetStatus, JobName<'ingress'>>>;

/** Automatic stops and scheduled starts move the workspace inside their own job, so a lost one is always a person's. */
export const WORKSPACE_STATES_OWING_JOBS = {
  creating: 'create-workspace',
  starting: 'start-workspace',
  stopping: 'stop-workspace',
  deleting: 'delete-workspace',
} as const satisfies Partial<Record<WorkspaceStatus, JobName<'workspaces'>>>;

export const EXPORT_STATES_OWING_JOBS = {
  submitted: { queue: 'export-check', name: 'check-request' },
  checking: { queue: 'export-check', name: 'check-request' },
  approved: { queue: 'release', name: 'release-request' },
  releasing: { queue: 'release', name: 'release-request' },
} as const satisfies Partial<Record<ExportStatus, { queue: QueueName; name: string }>>;

/** A revoked request owes this job while any of its released files has a public copy not yet recorded gone. */
export const REVOKED_EXPORT_OWES_JOB = { queue: 'release', name: 'unpublish-request' } as const satisfies { queue: QueueName; name: JobName<'release'> };
