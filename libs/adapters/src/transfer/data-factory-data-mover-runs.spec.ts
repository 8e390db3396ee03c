import type { TransferItem } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { UnsupportedTransferError } from './data-factory-data-mover-errors';
import { planIngressRuns } from './data-factory-data-mover-runs';

const item = (sourceBlob: string, destinationBlob: string, destinationContainer = 'import'): TransferItem => ({ sourceContainer: 'uploads', sourceBlob, destinationContainer, destinationBlob });
const plan = (items: TransferItem[]) => planIngressRuns(items, 'uploads', (i) => (i.destinationBlob.startsWith('p2/') ? 'stsecp2' : 'stsecp1'));

describe('planIngressRuns', () => {
  it('maps a file to one run with the template\'s parameter names, renaming the staged blob', () => {
    const staged = item('p1/d1/v1/files/0123abcd', 'p1/d1/v1/files/data/a.csv');
    expect(plan([staged])).toEqual([
      {
        parameters: {
          projectStorageAccountName: 'stsecp1', sourceFolderPath: 'p1/d1/v1/files', sourceFileName: '0123abcd',
          sinkFolderPath: 'p1/d1/v1/files/data', sinkFileName: 'a.csv', sinkContainer: 'import',
        },
        items: [staged],
      },
    ]);
  });

  it('gives every file its own run, each on its project\'s account', () => {
    const runs = plan([item('p1/d1/v1/a.csv', 'p1/d1/v1/files/a.csv'), item('p2/d9/v1/c.csv', 'p2/d9/v1/files/c.csv'), item('p1/d1/v1/b.csv', 'p1/d1/v1/files/b.csv')]);
    expect(runs.map((r) => [r.parameters.projectStorageAccountName, r.parameters.sourceFileName])).toEqual([['stsecp1', 'a.csv'], ['stsecp2', 'c.csv'], ['stsecp1', 'b.csv']]);
  });

  it('refuses another source container and paths that name no file', () => {
    expect(() => plan([{ ...item('p1/a.csv', 'p1/a.csv'), sourceContainer: 'exports' }])).toThrow(/reads only the 'uploads' container/);
    expect(() => plan([item('p1/', 'p1/a.csv')])).toThrow(UnsupportedTransferError);
    expect(plan([item('a.csv', 'p1/a.csv')])[0]?.parameters.sourceFolderPath).toBe('');
  });
});
