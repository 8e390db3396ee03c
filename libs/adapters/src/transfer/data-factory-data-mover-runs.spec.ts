import type { TransferItem } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { UnsupportedTransferError } from './data-factory-data-mover-errors';
import { planIngressRuns } from './data-factory-data-mover-runs';

const item = (sourceBlob: string, destinationBlob: string, destinationContainer = 'import'): TransferItem => ({ sourceContainer: 'uploads', sourceBlob, destinationContainer, destinationBlob });
const plan = (items: TransferItem[]) => planIngressRuns(items, 'uploads', (i) => (i.destinationBlob.startsWith('p2/') ? 'stsecp2' : 'stsecp1'));

describe('planIngressRuns', () => {
  it('maps a file to its folders, with the template\'s parameter names', () => {
    expect(plan([item('p1/d1/v1/a.csv', 'p1/d1/v1/files/a.csv')])).toEqual([
      {
        parameters: { projectStorageAccountName: 'stsecp1', sourceFolderPath: 'p1/d1/v1', sinkFolderPath: 'p1/d1/v1/files', sinkContainer: 'import' },
        items: [item('p1/d1/v1/a.csv', 'p1/d1/v1/files/a.csv')],
      },
    ]);
  });

  it('serves files of one folder with one run and separate folders or accounts with separate runs', () => {
    const runs = plan([
      item('p1/d1/v1/a.csv', 'p1/d1/v1/files/a.csv'),
      item('p2/d9/v1/c.csv', 'p2/d9/v1/files/c.csv'),
      item('p1/d1/v1/b.csv', 'p1/d1/v1/files/b.csv'),
    ]);
    expect(runs.map((r) => [r.parameters.projectStorageAccountName, r.parameters.sourceFolderPath, r.items.length])).toEqual([
      ['stsecp1', 'p1/d1/v1', 2],
      ['stsecp2', 'p2/d9/v1', 1],
    ]);
  });

  it('refuses a rename, which a folder copy cannot do (the worker\'s hashed staging names today)', () => {
    expect(() => plan([item('p1/d1/v1/0123456789abcdef0123456789abcdef01234567', 'p1/d1/v1/files/data/a.csv')])).toThrow(UnsupportedTransferError);
    expect(() => plan([item('p1/d1/v1/0123456789abcdef0123456789abcdef01234567', 'p1/d1/v1/files/data/a.csv')])).toThrow(/cannot rename/);
  });

  it('refuses another source container, the container root, and folders two runs would both move', () => {
    expect(() => plan([{ ...item('p1/a.csv', 'p1/a.csv'), sourceContainer: 'exports' }])).toThrow(/reads only the 'uploads' container/);
    expect(() => plan([item('a.csv', 'p1/a.csv')])).toThrow(/inside a folder/);
    expect(plan([item('p1/d1/a.csv', 'p1/a.csv')])).toHaveLength(1);
    expect(() => plan([item('p1/d1/a.csv', 'p1/x/a.csv'), item('p1/d1/b.csv', 'p1/y/b.csv')])).toThrow(/more than one run/);
    expect(() => plan([item('p1/d1/a.csv', 'p1/x/a.csv'), item('p1/d1/sub/b.csv', 'p1/x/sub/b.csv')])).toThrow(/contains 'p1\/d1\/sub'/);
  });
});
