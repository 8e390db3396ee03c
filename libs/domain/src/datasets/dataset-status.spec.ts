import { describe, expect, it } from 'vitest';
import { canTransitionDataset, DATASET_STATUSES, type DatasetActor } from './dataset-status';

const EXPECTED = new Set([
  'draft>uploading>data_owner', 'uploading>submitted>data_owner',
  'submitted>transferring>system', 'transferring>verifying>system', 'verifying>available>system',
  'submitted>failed>system', 'transferring>failed>system', 'verifying>failed>system',
  'failed>submitted>data_owner', 'failed>submitted>project_admin',
  'uploading>rejected>system', 'submitted>rejected>system', 'transferring>rejected>system',
]);

describe('dataset status machine', () => {
  it('allows exactly the expected (from, to, actor) triples', () => {
    const actors: DatasetActor[] = ['data_owner', 'project_admin', 'system'];
    for (const from of DATASET_STATUSES) {for (const to of DATASET_STATUSES) {for (const actor of actors) {
      expect(canTransitionDataset(from, to, actor), `${from} -> ${to} by ${actor}`).toBe(EXPECTED.has(`${from}>${to}>${actor}`));
    }}}
  });
});
