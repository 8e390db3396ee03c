// IPv4 CIDR arithmetic for choosing a project network's address range. Every spoke is peered with the hub, and
// Azure refuses a peering whose remote range overlaps the hub or another network already peered with it.

interface Block {
  readonly start: number;
  /** Number of addresses (a power of two). */
  readonly size: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(cidr: string): Block {
  const m = CIDR.exec(cidr.trim());
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const length = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || !(length >= 0 && length <= 32)) throw new RangeError(`not an IPv4 CIDR block: ${JSON.stringify(cidr)}`);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - length);
  // The network address (host bits cleared), as Azure normalises it.
  return { start: address - (address % size), size };
}

const format = (b: Block): string =>
  `${[24, 16, 8, 0].map((shift) => Math.floor(b.start / 2 ** shift) % 256).join('.')}/${32 - Math.log2(b.size)}`;

export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.start < y.start + y.size && y.start < x.start + x.size;
}

/** The first block of `prefixLength` inside `pool` that overlaps none of `taken`; null when the pool is full. */
export function firstFreeBlock(pool: string, prefixLength: number, taken: readonly string[]): string | null {
  const range = parseCidr(pool);
  const size = 2 ** (32 - prefixLength);
  if (size > range.size) throw new RangeError(`a /${prefixLength} does not fit in ${pool}`);
  const used = taken.map(parseCidr);
  for (let start = range.start; start + size <= range.start + range.size; start += size) {
    const candidate = { start, size };
    if (!used.some((u) => candidate.start < u.start + u.size && u.start < candidate.start + candidate.size)) return format(candidate);
  }
  return null;
}
