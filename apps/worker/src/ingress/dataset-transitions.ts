import { canTransitionDataset, type DatasetStatus } from '@cloister/domain';
import { AuditRepository, DatasetsRepository, type Db } from '@cloister/persistence';

/** Moves a dataset version as the platform, with its audit event, only if it is still where we expect. */
export async function transitionVersion(
  db: Db, versionId: string, projectId: string, datasetId: string, from: DatasetStatus, to: DatasetStatus, details: Record<string, unknown> = {},
): Promise<boolean> {
  if (!canTransitionDataset(from, to, 'system')) throw new Error(`the platform may not move a dataset version from ${from} to ${to}`);
  const datasets = new DatasetsRepository(db);
  const audit = new AuditRepository(db);
  return db.transaction().execute(async (trx) => {
    const v = await datasets.lockVersion(versionId, trx);
    if (!v || v.status !== from) return false;
    const failureReason = typeof details['reason'] === 'string' ? details['reason'] : null;
    await datasets.setStatus(versionId, to, trx, { failureReason });
    await audit.append(trx, {
      actorId: null, actorEmail: null, action: `dataset.${to}`, targetType: 'dataset', targetId: datasetId, projectId, requestId: null, sourceIp: null,
      details: { version: v.version, from, ...details },
    });
    return true;
  });
}
