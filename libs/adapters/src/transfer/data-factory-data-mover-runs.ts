// Maps transfer items onto runs of the platform template's ingress pipeline (`cloister-ingress` in
// libs/infra-templates/modules/data-factory/factory/main.bicep). That pipeline copies ONE named file from the
// public account's uploads container to a named file in the project's account, and deletes nothing: the worker
// verifies every copy and deletes the originals itself. So each item is one run, renames included.
import type { TransferItem } from '@cloister/domain';
import { UnsupportedTransferError } from './data-factory-data-mover-errors';

/** The ingress pipeline's parameters, named exactly as the template declares them. */
export interface IngressPipelineParameters {
  readonly projectStorageAccountName: string;
  readonly sourceFolderPath: string;
  readonly sourceFileName: string;
  readonly sinkFolderPath: string;
  readonly sinkFileName: string;
  readonly sinkContainer: string;
}

export interface IngressRun {
  readonly parameters: IngressPipelineParameters;
  readonly items: readonly TransferItem[];
}

const splitBlob = (blob: string): { folder: string; file: string } => {
  const slash = blob.lastIndexOf('/');
  return slash < 0 ? { folder: '', file: blob } : { folder: blob.slice(0, slash), file: blob.slice(slash + 1) };
};

const describe = (item: TransferItem) => `${item.sourceContainer}/${item.sourceBlob} → ${item.destinationContainer}/${item.destinationBlob}`;

/**
 * One run per item, in order. `sourceContainer` is the container the template wired the pipeline's source to (its
 * `uploadsContainerName`); `accountOf` gives each item's project storage account.
 */
export function planIngressRuns(items: readonly TransferItem[], sourceContainer: string, accountOf: (item: TransferItem) => string): IngressRun[] {
  return items.map((item) => {
    if (item.sourceContainer !== sourceContainer) {
      throw new UnsupportedTransferError(`${describe(item)}: the ingress pipeline reads only the '${sourceContainer}' container`);
    }
    const source = splitBlob(item.sourceBlob);
    const sink = splitBlob(item.destinationBlob);
    if (!source.file || !sink.file) throw new UnsupportedTransferError(`${describe(item)}: source and destination must name files`);
    return {
      parameters: {
        projectStorageAccountName: accountOf(item), sourceFolderPath: source.folder, sourceFileName: source.file,
        sinkFolderPath: sink.folder, sinkFileName: sink.file, sinkContainer: item.destinationContainer,
      },
      items: [item],
    };
  });
}
