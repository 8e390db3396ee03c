import type { DatasetStatus } from '../datasets/dataset-status';
import type { ExportStatus } from '../exports/export-status';
import type { ProjectStatus } from '../projects/project-status';
import type { StopReason } from '../workspaces/workspace-catalogue';
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

export const WORKSPACE_STATES_OWING_JOBS = {
  creating: 'create-workspace',
  starting: 'start-workspace',
  stopping: 'stop-workspace',
  deleting: 'delete-workspace',
} as const satisfies Partial<Record<WorkspaceStatus, JobName<'workspaces'>>>;

/** A workspace waiting in a job-owing state, with why its move was requested (null: by a person) and when it fell due. */
export interface OwingWorkspace {
  readonly id: string;
  readonly status: keyof typeof WORKSPACE_STATES_OWING_JOBS;
  readonly requestedReason: StopReason | null;
  readonly requestedDueAt: Date | null;
}

/**
 * The job a waiting workspace is owed. An automatic stop or a scheduled start moves the workspace in its own job, so
 * when that job is lost the move's recorded reason and due instant are what say it was not a person's: the new job
 * carries them, and its audit event and notice say "idle" or "schedule", not "manual".
 */
export function owedWorkspaceJob(w: OwingWorkspace): AnyJob {
  const workspaceId = w.id;
  const dueAt = w.requestedDueAt?.toISOString() ?? null;
  switch (w.status) {
    case 'starting':
      return w.requestedReason === 'schedule'
        ? { queue: 'workspaces', name: 'start-workspace', payload: { workspaceId, reason: 'schedule', dueAt } }
        : { queue: 'workspaces', name: 'start-workspace', payload: { workspaceId, reason: 'manual', dueAt: null } };
    case 'stopping':
      return w.requestedReason && w.requestedReason !== 'manual'
        ? { queue: 'workspaces', name: 'stop-workspace', payload: { workspaceId, reason: w.requestedReason, dueAt } }
        : { queue: 'workspaces', name: 'stop-workspace', payload: { workspaceId, reason: 'manual', dueAt: null } };
    default:
      return { queue: 'workspaces', name: WORKSPACE_STATES_OWING_JOBS[w.status], payload: { workspaceId } };
  }
}

export const EXPORT_STATES_OWING_JOBS = {
  submitted: { queue: 'export-check', name: 'check-request' },
  checking: { queue: 'export-check', name: 'check-request' },
  approved: { queue: 'release', name: 'release-request' },
  releasing: { queue: 'release', name: 'release-request' },
} as const satisfies Partial<Record<ExportStatus, { queue: QueueName; name: string }>>;

/** A revoked request owes this job while any of its released files has a public copy not yet recorded gone. */
export const REVOKED_EXPORT_OWES_JOB = { queue: 'release', name: 'unpublish-request' } as const satisfies { queue: QueueName; name: JobName<'release'> };
