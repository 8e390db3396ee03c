// Block planning for Azure block blobs: a file is cut into fixed-size blocks whose ids depend only on
// their index, so an upload resumed after a reload re-sends just the blocks not yet staged.

/** Azure allows at most this many committed blocks per blob. */
export const MAX_BLOCKS_PER_BLOB = 50_000;
/** Blocks are 8–100 MiB: the API's size unless the file would need more blocks than a blob holds. */
export const MIN_BLOCK_BYTES = 8 * 1024 * 1024;
export const MAX_BLOCK_BYTES = 100 * 1024 * 1024;

export interface Block {
  readonly index: number;
  /** Base64 of a fixed-length label: every id of one blob must have the same length. */
  readonly id: string;
  readonly offset: number;
  readonly length: number;
}

/** `block-000042` → base64. Index-based, so the same file always gets the same ids. */
export function blockId(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 1_000_000) throw new RangeError(`block index ${index} is out of range`);
  return btoa(`block-${String(index).padStart(6, '0')}`);
}

/** The block size to use for a file: the API's suggestion, clamped to 8–100 MiB and raised so the file fits in 50,000 blocks. */
export function chooseBlockSize(fileSize: number, suggested: number): number {
  const clamped = Math.min(MAX_BLOCK_BYTES, Math.max(MIN_BLOCK_BYTES, suggested));
  const needed = Math.ceil(fileSize / MAX_BLOCKS_PER_BLOB);
  return Math.max(clamped, Math.min(MAX_BLOCK_BYTES, needed));
}

/** Every block of a file, in order; an empty file has none (committing an empty list creates an empty blob). */
export function planBlocks(fileSize: number, blockSize: number): Block[] {
  if (blockSize <= 0) throw new RangeError('block size must be positive');
  const blocks: Block[] = [];
  for (let offset = 0, index = 0; offset < fileSize; offset += blockSize, index += 1) {
    blocks.push({ index, id: blockId(index), offset, length: Math.min(blockSize, fileSize - offset) });
  }
  return blocks;
}

/** The blocks still to send, given the indexes already staged. */
export function remainingBlocks(blocks: readonly Block[], done: Iterable<number>): Block[] {
  const staged = new Set(done);
  return blocks.filter((block) => !staged.has(block.index));
}

/** Bytes already staged, given the indexes done. */
export function stagedBytes(blocks: readonly Block[], done: Iterable<number>): number {
  const staged = new Set(done);
  return blocks.reduce((sum, block) => sum + (staged.has(block.index) ? block.length : 0), 0);
}

/** The `Put Block List` body: every block, in order, from the uncommitted or committed list. */
export function blockListXml(blocks: readonly Block[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><BlockList>${blocks.map((block) => `<Latest>${block.id}</Latest>`).join('')}</BlockList>`;
}
