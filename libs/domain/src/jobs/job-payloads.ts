import { JOB_NAMES, type JobName, type JobPayload, type QueueName } from './job-map';

/**
 * How one payload field is checked: a string, a number, a string or null, or one of a fixed set of values (an
 * object whose keys are the allowed values, so the type below can demand every value the job map allows, no more).
 */
export type PayloadFieldSpec = 'string' | 'number' | 'string|null' | { readonly [value: string]: true };

type SpecFor<T> =
  [T] extends [number] ? 'number'
  : [T] extends [string] ? (string extends T ? 'string' : { readonly [V in T]: true })
  : [T] extends [string | null] ? (string extends Exclude<T, null> ? 'string|null' : never)
  : never;

type PayloadSpec<P> = { readonly [K in keyof P]-?: SpecFor<P[K]> };

/**
 * Every job's payload fields, as the job map types them. `satisfies` ties it to JobMap: a field added, renamed or
 * retyped there (or a value added to an enum) fails to compile here until this spec says the same.
 */
export const JOB_PAYLOAD_FIELDS = {
  provisioning: { 'provision-project': { projectId: 'string' }, 'decommission-project': { projectId: 'string' } },
  ingress: { 'transfer-dataset': { versionId: 'string' } },
  'export-check': { 'check-request': { requestId: 'string', round: 'number' } },
  release: { 'release-request': { requestId: 'string' }, 'unpublish-request': { requestId: 'string' } },
  workspaces: {
    'create-workspace': { workspaceId: 'string' },
    'start-workspace': { workspaceId: 'string', reason: { manual: true, schedule: true }, dueAt: 'string|null' },
    'stop-workspace': { workspaceId: 'string', reason: { manual: true, schedule: true, idle: true, budget: true }, dueAt: 'string|null' },
    'delete-workspace': { workspaceId: 'string' },
  },
  shutdown: { 'schedule-sweep': {}, 'idle-sweep': {}, 'budget-sweep': {} },
  maintenance: { 'heartbeat': { at: 'string' }, 'audit-verify': {}, 'expire-uploads': {}, 'posture-sweep': {}, 'reconcile-jobs': {} },
  notifications: { 'send-email': { deliveryId: 'string' }, 'deliver-webhook': { deliveryId: 'string' } },
} as const satisfies { readonly [Q in QueueName]: { readonly [N in JobName<Q>]: PayloadSpec<JobPayload<Q, N>> } };

function fieldProblem(spec: PayloadFieldSpec, value: unknown): string | null {
  if (spec === 'string') return typeof value === 'string' ? null : 'must be a string';
  if (spec === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
  if (spec === 'string|null') return typeof value === 'string' || value === null ? null : 'must be a string or null';
  return typeof value === 'string' && Object.hasOwn(spec, value) ? null : `must be one of ${Object.keys(spec).join(', ')}`;
}

/**
 * What is wrong with a job's data for its (queue, name), naming the field; null when it is what the job map says.
 * Jobs arrive from Redis untyped (an old version's job, a hand-made one), so the worker asks this before any handler
 * runs. Extra fields (the producer's idempotencyKey) are allowed.
 */
export function payloadProblem(queue: string, name: string, data: unknown): string | null {
  const names = (JOB_NAMES as Readonly<Record<string, readonly string[] | undefined>>)[queue];
  if (!names?.includes(name)) return `${queue}/${name} is not a job of the job map`;
  const fields = (JOB_PAYLOAD_FIELDS as unknown as Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, PayloadFieldSpec>>>>>>)[queue]![name]!;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'payload: must be an object';
  for (const [field, spec] of Object.entries(fields)) {
    const value = (data as Record<string, unknown>)[field];
    if (value === undefined) return `${field}: missing`;
    const problem = fieldProblem(spec, value);
    if (problem) return `${field}: ${problem} (got ${(JSON.stringify(value) ?? typeof value).slice(0, 60)})`;
  }
  return null;
}
