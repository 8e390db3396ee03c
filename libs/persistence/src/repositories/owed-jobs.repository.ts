import {
  DATASET_STATES_OWING_JOBS, EXPORT_STATES_OWING_JOBS, type AnyJob, owedWorkspaceJob, PROJECT_STATES_OWING_JOBS, REVOKED_EXPORT_OWES_JOB, type StopReason,
  WORKSPACE_STATES_OWING_JOBS,
} from '@cloister/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

const keysOf = <T extends object>(o: T) => Object.keys(o) as Extract<keyof T, string>[];

/** When a dataset version entered each job-owing state. */
const DATASET_STATE_SINCE = { submitted: 'submitted_at', transferring: 'transfer_started_at', verifying: 'verification_started_at' } as const;

/**
 * Records that have sat in a job-owing state since before a cutoff, each with the job that moves it on. The
 * reconciler compares them with the queues' live jobs; this side only reads the database.
 */
export class OwedJobsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(olderThan: Date): Promise<AnyJob[]> {
    const [projects, versions, workspaces, requests, revoked, deliveries] = await Promise.all([
      this.db.selectFrom('projects').select(['id', 'status'])
        .where('status', 'in', keysOf(PROJECT_STATES_OWING_JOBS)).where('updated_at', '<', olderThan).execute(),
      this.db.selectFrom('dataset_versions').select(['id', 'status', 'submitted_at', 'transfer_started_at', 'verification_started_at'])
        .where('status', 'in', keysOf(DATASET_STATES_OWING_JOBS)).execute(),
      this.db.selectFrom('workspaces').select(['id', 'status', 'requested_reason', 'requested_due_at'])
        .where('status', 'in', keysOf(WORKSPACE_STATES_OWING_JOBS)).where('deleted_at', 'is', null).where('status_since', '<', olderThan).execute(),
      this.db.selectFrom('export_requests').select(['id', 'status', 'round'])
        .where('status', 'in', keysOf(EXPORT_STATES_OWING_JOBS)).where('updated_at', '<', olderThan).execute(),
      // Revoked, with a released file whose public copy is not yet recorded gone.
      this.db.selectFrom('export_requests').select('id')
        .where('status', '=', 'revoked').where('updated_at', '<', olderThan)
        .where(({ exists, selectFrom }) => exists(selectFrom('export_files').select('export_files.id')
          .whereRef('export_files.request_id', '=', 'export_requests.id').where('export_files.released_blob', 'is not', null).where('export_files.unpublished_at', 'is', null)))
        .execute(),
      this.db.selectFrom('notification_deliveries').select(['id', 'channel'])
        .where('status', '=', 'pending').where('updated_at', '<', olderThan).execute(),
    ]);
    const owed: AnyJob[] = [];
    for (const p of projects) {
      owed.push({ queue: 'provisioning', name: PROJECT_STATES_OWING_JOBS[p.status as keyof typeof PROJECT_STATES_OWING_JOBS], payload: { projectId: p.id } });
    }
    for (const v of versions) {
      const status = v.status as keyof typeof DATASET_STATES_OWING_JOBS;
      // A version that somehow lacks its state's time is treated as long stuck rather than never.
      const since = v[DATASET_STATE_SINCE[status]] ?? new Date(0);
      if (since < olderThan) owed.push({ queue: 'ingress', name: DATASET_STATES_OWING_JOBS[status], payload: { versionId: v.id } });
    }
    for (const w of workspaces) {
      owed.push(owedWorkspaceJob({
        id: w.id, status: w.status as keyof typeof WORKSPACE_STATES_OWING_JOBS, requestedReason: w.requested_reason as StopReason | null, requestedDueAt: w.requested_due_at,
      }));
    }
    for (const r of requests) {
      const job = EXPORT_STATES_OWING_JOBS[r.status as keyof typeof EXPORT_STATES_OWING_JOBS];
      if (job.queue === 'export-check') owed.push({ queue: job.queue, name: job.name, payload: { requestId: r.id, round: r.round } });
      else owed.push({ queue: job.queue, name: job.name, payload: { requestId: r.id } });
    }
    for (const r of revoked) owed.push({ ...REVOKED_EXPORT_OWES_JOB, payload: { requestId: r.id } });
    for (const d of deliveries) {
      if (d.channel === 'email') owed.push({ queue: 'notifications', name: 'send-email', payload: { deliveryId: d.id } });
      else owed.push({ queue: 'notifications', name: 'deliver-webhook', payload: { deliveryId: d.id } });
    }
    return owed;
  }
}
