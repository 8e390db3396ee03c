import type { DataMoverPort, TransferItem } from '@cloister/domain';
import type { BlobObjectStorage } from '../storage/blob-object-storage';

/**
 * Local data mover: a server-side copy between the two Azurite accounts (the bytes never pass through the worker),
 * a few files at a time. The source is read through a short-lived read-only URL.
 */
export class BlobCopyDataMover implements DataMoverPort {
  constructor(private readonly source: BlobObjectStorage, private readonly destination: BlobObjectStorage, private readonly parallel = 4) {}

  async copy(items: readonly TransferItem[]): Promise<void> {
    const queue = [...items];
    const run = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const url = await this.source.createReadUrl(item.sourceContainer, item.sourceBlob, new Date(Date.now() + 60 * 60 * 1000));
        await this.destination.copyFromUrl(url, item.destinationContainer, item.destinationBlob);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, items.length) }, run));
  }
}
