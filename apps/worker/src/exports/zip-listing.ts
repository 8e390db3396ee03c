import type { FileHandle } from 'node:fs/promises';

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

export interface ZipListing {
  readonly entries: readonly ZipEntry[];
  readonly totalUncompressed: number;
  /** Zip64 or a malformed directory: sizes cannot be trusted. */
  readonly suspicious: string | null;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAX_ENTRIES = 100_000;

/**
 * Lists a zip archive from its central directory without inflating anything, so a zip bomb is judged by the
 * sizes it declares rather than by unpacking it.
 */
export async function listZip(file: FileHandle, fileSize: number): Promise<ZipListing> {
  const tailSize = Math.min(fileSize, 65_557);
  const tail = Buffer.alloc(tailSize);
  await file.read(tail, 0, tailSize, fileSize - tailSize);
  let eocd = -1;
  for (let i = tailSize - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIGNATURE) { eocd = i; break; }
  if (eocd < 0) return { entries: [], totalUncompressed: 0, suspicious: 'no zip central directory found' };
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { entries: [], totalUncompressed: 0, suspicious: 'zip64 archive: declared sizes are not trusted' };
  if (cdOffset + cdSize > fileSize || count > MAX_ENTRIES) return { entries: [], totalUncompressed: 0, suspicious: 'the zip central directory is malformed' };
  const cd = Buffer.alloc(cdSize);
  await file.read(cd, 0, cdSize, cdOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) return { entries, totalUncompressed: total, suspicious: 'the zip central directory is malformed' };
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) return { entries, totalUncompressed: total, suspicious: 'zip64 entry: declared sizes are not trusted' };
    entries.push({ name: cd.toString('utf8', p + 46, p + 46 + nameLength), compressedSize, uncompressedSize });
    total += uncompressedSize;
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, totalUncompressed: total, suspicious: null };
}
