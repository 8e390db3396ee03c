/** One file to move from the public account's staging area to the secure account. */
export interface TransferItem {
  readonly sourceContainer: string;
  readonly sourceBlob: string;
  readonly destinationContainer: string;
  readonly destinationBlob: string;
}

/**
 * Copies files server-side from the public to the secure account. Local: blob copy between the Azurite accounts;
 * azure: a Data Factory pipeline run. Copying a file that is already at the destination with the same content is
 * harmless, so a retried transfer converges.
 */
export interface DataMoverPort {
  copy(items: readonly TransferItem[]): Promise<void>;
}
