// Maps transfer items onto runs of the platform template's ingress pipeline (`cloister-ingress` in
// libs/infra-templates/modules/data-factory/factory/main.bicep). That pipeline moves a whole FOLDER: it copies every
// file under `uploads/<sourceFolderPath>/` of the public account, recursively and keeping relative names, to
// `<sinkContainer>/<sinkFolderPath>/` of the project's account, then deletes the originals. So one run serves all
// items sharing a (account, source folder, sink container, sink folder), and an item is only expressible if its file
// keeps its name and its source folder is its own (not the container root, not nested in another run's folder).
import type { TransferItem } from '@cloister/domain';
import { UnsupportedTransferError } from './data-factory-data-mover-errors';

/** The ingress pipeline's parameters, named exactly as the template declares them. */
export interface IngressPipelineParameters {
  readonly projectStorageAccountName: string;
  readonly sourceFolderPath: string;
  readonly sinkFolderPath: string;
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
 * Groups items into ingress runs, in first-seen order. `sourceContainer` is the container the template wired the
 * pipeline's source to (its `uploadsContainerName`); `accountOf` gives each item's project storage account.
 */
export function planIngressRuns(items: readonly TransferItem[], sourceContainer: string, accountOf: (item: TransferItem) => string): IngressRun[] {
  const runs = new Map<string, { parameters: IngressPipelineParameters; items: TransferItem[] }>();
  for (const item of items) {
    if (item.sourceContainer !== sourceContainer) {
      throw new UnsupportedTransferError(`${describe(item)}: the ingress pipeline reads only the '${sourceContainer}' container`);
    }
    const source = splitBlob(item.sourceBlob);
    const sink = splitBlob(item.destinationBlob);
    if (!source.folder || !source.file || !sink.folder || !sink.file) {
      // An empty folder path would make the recursive move take the whole container.
      throw new UnsupportedTransferError(`${describe(item)}: source and destination must be files inside a folder`);
    }
    if (source.file !== sink.file) {
      throw new UnsupportedTransferError(`${describe(item)}: the ingress pipeline copies folders and keeps file names, so it cannot rename '${source.file}' to '${sink.file}'`);
    }
    const parameters: IngressPipelineParameters = {
      projectStorageAccountName: accountOf(item),
      sourceFolderPath: source.folder,
      sinkFolderPath: sink.folder,
      sinkContainer: item.destinationContainer,
    };
    const key = JSON.stringify([parameters.projectStorageAccountName, parameters.sourceFolderPath, parameters.sinkContainer, parameters.sinkFolderPath]);
    const run = runs.get(key) ?? { parameters, items: [] };
    run.items.push(item);
    runs.set(key, run);
  }
  const planned = [...runs.values()];
  const folders = [...new Set(planned.map((r) => r.parameters.sourceFolderPath))];
  for (const folder of folders) {
    // Runs for one source folder to two places, or for nested folders, would race for the same originals.
    const overlapping = folders.find((other) => other !== folder && other.startsWith(`${folder}/`));
    const sameFolderRuns = planned.filter((r) => r.parameters.sourceFolderPath === folder).length;
    if (overlapping || sameFolderRuns > 1) {
      throw new UnsupportedTransferError(`source folder '${folder}' would be moved by more than one run${overlapping ? ` (it contains '${overlapping}')` : ''}`);
    }
  }
  return planned;
}
