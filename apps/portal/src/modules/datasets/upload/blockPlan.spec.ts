import { describe, expect, it } from 'vitest';
import { blockId, blockListXml, chooseBlockSize, MAX_BLOCK_BYTES, MIN_BLOCK_BYTES, planBlocks, remainingBlocks, stagedBytes } from './blockPlan';

const MiB = 1024 * 1024;

describe('blockId', () => {
  it('is base64 of a zero-padded index, the same length for every block of a blob', () => {
    expect(blockId(0)).toBe(btoa('block-000000'));
    expect(atob(blockId(42))).toBe('block-000042');
    expect(new Set([0, 9, 10, 12_799, 49_999].map((i) => blockId(i).length)).size).toBe(1);
  });

  it('depends only on the index, so a resumed upload names its blocks the same', () => {
    expect(blockId(7)).toBe(blockId(7));
    expect(blockId(7)).not.toBe(blockId(8));
  });

  it('refuses indexes that do not fit', () => {
    expect(() => blockId(-1)).toThrow(RangeError);
    expect(() => blockId(1.5)).toThrow(RangeError);
    expect(() => blockId(1_000_000)).toThrow(RangeError);
  });
});

describe('chooseBlockSize', () => {
  it('uses the API’s 8 MiB for ordinary files', () => {
    expect(chooseBlockSize(3 * 1024 * MiB, 8 * MiB)).toBe(8 * MiB);
  });

  it('keeps blocks within 8–100 MiB', () => {
    expect(chooseBlockSize(10, 1024)).toBe(MIN_BLOCK_BYTES);
    expect(chooseBlockSize(10, 512 * MiB)).toBe(MAX_BLOCK_BYTES);
  });

  it('grows blocks so a large file fits in 50,000 of them', () => {
    const size = 500 * 1024 * MiB; // 500 GiB would need 64,000 blocks of 8 MiB
    const chosen = chooseBlockSize(size, 8 * MiB);
    expect(Math.ceil(size / chosen)).toBeLessThanOrEqual(50_000);
  });
});

describe('planBlocks', () => {
  it('cuts a file into full blocks and a shorter last one', () => {
    const blocks = planBlocks(20 * MiB, 8 * MiB);
    expect(blocks.map((b) => [b.index, b.offset, b.length])).toEqual([
      [0, 0, 8 * MiB],
      [1, 8 * MiB, 8 * MiB],
      [2, 16 * MiB, 4 * MiB],
    ]);
    expect(blocks.map((b) => b.id)).toEqual([blockId(0), blockId(1), blockId(2)]);
  });

  it('gives an exact multiple no empty trailing block, and an empty file no blocks', () => {
    expect(planBlocks(16 * MiB, 8 * MiB)).toHaveLength(2);
    expect(planBlocks(0, 8 * MiB)).toEqual([]);
    expect(planBlocks(1, 8 * MiB)).toEqual([{ index: 0, id: blockId(0), offset: 0, length: 1 }]);
  });
});

describe('remainingBlocks and stagedBytes', () => {
  const blocks = planBlocks(20 * MiB, 8 * MiB);

  it('leaves only the blocks not staged yet, in order', () => {
    expect(remainingBlocks(blocks, [0, 2]).map((b) => b.index)).toEqual([1]);
    expect(remainingBlocks(blocks, []).map((b) => b.index)).toEqual([0, 1, 2]);
    expect(remainingBlocks(blocks, [2, 1, 0])).toEqual([]);
  });

  it('counts the bytes of staged blocks, the short last one at its length', () => {
    expect(stagedBytes(blocks, [2])).toBe(4 * MiB);
    expect(stagedBytes(blocks, [0, 1, 2])).toBe(20 * MiB);
    expect(stagedBytes(blocks, [])).toBe(0);
  });
});

describe('blockListXml', () => {
  it('lists every block id in order as Latest', () => {
    expect(blockListXml(planBlocks(2, 1))).toBe(
      `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId(0)}</Latest><Latest>${blockId(1)}</Latest></BlockList>`,
    );
    expect(blockListXml([])).toBe('<?xml version="1.0" encoding="utf-8"?><BlockList></BlockList>');
  });
});
