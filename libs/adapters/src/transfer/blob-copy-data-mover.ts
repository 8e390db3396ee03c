import type { DataMoverPort, TransferItem } from '@cloister/domain';
import type { BlobObjectStorage } from '../storage/blob-object-storage';

/**
 * Azurite checks a cross-account copy's source by downloading the whole blob into one JavaScript string, which
 * fails (HTTP 500) past V8's ~512 MiB string limit. Blobs above this size are streamed through the worker instead.
 */
export const AZURITE_SERVER_SIDE_COPY_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Local data mover: a server-side copy between the two Azurite accounts (the bytes never pass through the worker),
 * a few files at a time. The source is read through a short-lived read-only URL. Blobs too large for Azurite's
 * server-side copy are streamed from one account to the other in blocks, never held whole.
 */
export class BlobCopyDataMover implements DataMoverPort {
  constructor(
    private readonly source: BlobObjectStorage,
    private readonly destination: BlobObjectStorage,
    private readonly parallel = 4,
    private readonly serverSideLimitBytes = AZURITE_SERVER_SIDE_COPY_LIMIT_BYTES,
  ) {}

  async copy(items: readonly TransferItem[]): Promise<void> {
    const queue = [...items];
    const run = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await this.copyOne(item);
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, items.length) }, run));
  }

  private async copyOne(item: TransferItem): Promise<void> {
    const info = await this.source.stat(item.sourceContainer, item.sourceBlob);
    if (!info) throw new Error(`copy source ${item.sourceContainer}/${item.sourceBlob} does not exist`);
    if (info.size <= this.serverSideLimitBytes) {
      const url = await this.source.createReadUrl(item.sourceContainer, item.sourceBlob, new Date(Date.now() + 60 * 60 * 1000));
      await this.destination.copyFromUrl(url, item.destinationContainer, item.destinationBlob);
      return;
    }
    await this.destination.writeStream(item.destinationContainer, item.destinationBlob, await this.source.openRead(item.sourceContainer, item.sourceBlob), info.contentType ?? undefined);
  }
}
