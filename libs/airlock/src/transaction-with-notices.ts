import type { Notification, NotificationOutboxPort, OutboxEntry } from '@cloister/domain';
import type { Db } from '@cloister/persistence';
import type { Trx } from './export-transitions';

/** Where the airlock's moves record the notices they owe: the transactional notification outbox. */
export type ExportOutbox = NotificationOutboxPort<Trx>;

/** Hands the transaction the notices its moves owe (nulls, for moves that tell nobody, are skipped). */
export type Notify = (notifications: readonly (Notification | null)[]) => void;

/**
 * Runs one export-review transaction together with the notices its moves owe, the same way in the API and the
 * worker: the notices are recorded in the outbox inside the transaction, just before it commits, so the state
 * change and its in-app rows and pending deliveries commit together; only the delivery jobs are enqueued after
 * commit. A process that dies in between loses no notice: its pending deliveries are the reconciler's.
 */
export async function transactWithNotices<T>(db: Db, outbox: ExportOutbox, work: (trx: Trx, notify: Notify) => Promise<T>): Promise<T> {
  let entries: OutboxEntry[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const owed: Notification[] = [];
    const value = await work(trx, (ns) => { for (const n of ns) if (n) owed.push(n); });
    entries = [];
    for (const n of owed) entries.push(await outbox.record(trx, n));
    return value;
  });
  await outbox.dispatch(entries);
  return result;
}
