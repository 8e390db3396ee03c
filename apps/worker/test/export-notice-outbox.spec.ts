import { jobIdFor } from '@cloister/adapters';
import { applySystemMoveIfAt, type ExportOutbox, type Trx } from '@cloister/airlock';
import { until } from '@cloister/local-stack/testing';
import { type Db, DevMailboxRepository, ExportRequestsRepository, NotificationDeliveriesRepository, NotificationsRepository, UsersRepository } from '@cloister/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_OUTBOX } from '../src/core-tokens';
import { LostJobsHandlers } from '../src/reconcile/lost-jobs.handlers';
import { startWorkerHarness, type WorkerHarness } from './worker-harness';

/** Stands for the process ending right after a commit: nothing after it runs. */
class ProcessDied extends Error {}

/** The database as a process sees it that ends right after its next commit: the commit lands, nothing after it runs. */
function diesAfterCommit(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
      return () => {
        const builder = target.transaction();
        return { execute: async <T>(work: (trx: Trx) => Promise<T>): Promise<T> => { await builder.execute(work); throw new ProcessDied(); } };
      };
    },
  });
}

const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe('export notices commit with the state change (transactional outbox)', () => {
  let h: WorkerHarness;
  let db: Db;
  let researcher: { id: string; email: string };
  let outbox: ExportOutbox;

  beforeAll(async () => {
    h = await startWorkerHarness('notice-outbox');
    db = h.db;
    researcher = (await new UsersRepository(db).findByEmail('researcher@example.org'))!;
    outbox = h.worker.get<ExportOutbox>(NOTIFICATION_OUTBOX);
  }, 60_000);
  afterAll(() => h?.close());

  const checkingRequest = (title: string) => new ExportRequestsRepository(db).create(
    { projectId: h.projectId, requesterId: researcher.id, title, purpose: 'p', status: 'checking', checkersRequired: 1 }, [], db,
  );
  const emailFor = async (requestId: string) => (await new NotificationDeliveriesRepository(db).list({ channel: 'email', limit: 100 }))
    .find((d) => d.userId === researcher.id && (d.payload as { details: { requestId?: string } }).details.requestId === requestId);
  const mailSubjects = async () => (await new DevMailboxRepository(db).list({ recipients: [researcher.email], limit: 100 })).map((m) => m.subject);

  it('keeps the in-app notice and a pending email of a move whose process dies right after commit, and the reconciler sends it', async () => {
    const request = await checkingRequest('Crash after commit');
    await expect(applySystemMoveIfAt(diesAfterCommit(db), outbox, request.id, 'checking', 'blocked', {}, 'a file type the tier refuses')).rejects.toBeInstanceOf(ProcessDied);

    expect((await new ExportRequestsRepository(db).findById(request.id))?.status).toBe('blocked');
    const inbox = await new NotificationsRepository(db).listForUser(researcher.id, { limit: 50, offset: 0, unreadOnly: false });
    expect(inbox.items.map((n) => n.subject)).toContain('Export request blocked: Crash after commit');
    const email = await emailFor(request.id);
    expect(email).toMatchObject({ status: 'pending', attempts: 0, kind: 'export.blocked' });
    expect(await h.jobs.queue('notifications').getJob(jobIdFor(`notify-email:${email!.id}`))).toBeFalsy();

    // Past the reconciler's grace period the pending delivery counts as lost; it is enqueued again and sent.
    await db.updateTable('notification_deliveries').set({ updated_at: anHourAgo() }).where('id', '=', email!.id).execute();
    const swept = await h.worker.get(LostJobsHandlers).reconcile();
    expect(swept.reenqueued).toContain(`notifications/send-email/${email!.id}`);
    await until(() => new NotificationDeliveriesRepository(db).get(email!.id), (d) => d?.status === 'delivered', 'the reconciled email');
    expect(await mailSubjects()).toContain('[Cloister] Export request blocked: Crash after commit');
  }, 60_000);

  it('dispatches after commit on the normal path, and a retried move records no second notice', async () => {
    const request = await checkingRequest('Normal path');
    expect((await applySystemMoveIfAt(db, outbox, request.id, 'checking', 'blocked', {}, 'blocked')).applied).toBe(true);
    expect((await applySystemMoveIfAt(db, outbox, request.id, 'checking', 'blocked', {}, 'blocked')).applied).toBe(false);
    const email = await emailFor(request.id);
    await until(() => new NotificationDeliveriesRepository(db).get(email!.id), (d) => d?.status === 'delivered', 'the email');
    const inbox = await new NotificationsRepository(db).listForUser(researcher.id, { limit: 50, offset: 0, unreadOnly: false });
    expect(inbox.items.filter((n) => n.subject === 'Export request blocked: Normal path')).toHaveLength(1);
  }, 60_000);

  it('records nothing when the move rolls back', async () => {
    const request = await checkingRequest('Rolled back');
    const failing: ExportOutbox = { record: () => Promise.reject(new Error('database gone mid-transaction')), dispatch: (e) => outbox.dispatch(e) };
    await expect(applySystemMoveIfAt(db, failing, request.id, 'checking', 'blocked', {}, 'blocked')).rejects.toThrow('database gone');
    // The notice could not be written, so the state change did not commit either: the next run tries both again.
    expect((await new ExportRequestsRepository(db).findById(request.id))?.status).toBe('checking');
    expect(await emailFor(request.id)).toBeUndefined();
  });
});
