/**
 * A minimal Parquet writer for test fixtures: one row group, required UTF-8 string columns, PLAIN encoding,
 * uncompressed. Just enough of the format (Thrift compact protocol) for a reader to accept.
 */
class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(n: number) {
    let v = n >>> 0 === n ? n : n;
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  zigzag(n: number) {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  field(id: number, type: number) {
    const delta = id - this.last[this.last.length - 1]!;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number) {
    this.field(id, 5);
    this.zigzag(v);
  }
  i64(id: number, v: number) {
    this.field(id, 6);
    this.zigzag(v);
  }
  str(id: number, s: string) {
    this.field(id, 8);
    const b = Buffer.from(s, 'utf8');
    this.varint(b.length);
    this.bytes.push(...b);
  }
  structBegin(id: number) {
    this.field(id, 12);
    this.last.push(0);
  }
  structEnd() {
    this.bytes.push(0);
    this.last.pop();
  }
  listBegin(id: number, elemType: number, size: number) {
    this.field(id, 9);
    this.bytes.push((size << 4) | elemType);
  }
  elemStructBegin() {
    this.last.push(0);
  }
  listI32(id: number, xs: number[]) {
    this.listBegin(id, 5, xs.length);
    for (const x of xs) this.zigzag(x);
  }
  listStr(id: number, xs: string[]) {
    this.listBegin(id, 8, xs.length);
    for (const x of xs) {
      const b = Buffer.from(x, 'utf8');
      this.varint(b.length);
      this.bytes.push(...b);
    }
  }
}

export function writeParquet(columns: string[], rows: string[][]): Buffer {
  const parts: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const chunks: { offset: number; size: number }[] = [];
  columns.forEach((_, ci) => {
    const data = Buffer.concat(rows.map((r) => {
      const v = Buffer.from(r[ci] ?? '', 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(v.length);
      return Buffer.concat([len, v]);
    }));
    const h = new Compact();
    h.i32(1, 0); // DATA_PAGE
    h.i32(2, data.length);
    h.i32(3, data.length);
    h.structBegin(5);
    h.i32(1, rows.length);
    h.i32(2, 0); // PLAIN
    h.i32(3, 3); // RLE
    h.i32(4, 3);
    h.structEnd();
    h.bytes.push(0);
    const page = Buffer.concat([Buffer.from(h.bytes), data]);
    chunks.push({ offset, size: page.length });
    parts.push(page);
    offset += page.length;
  });
  const m = new Compact();
  m.i32(1, 1);
  m.listBegin(2, 12, columns.length + 1);
  m.elemStructBegin();
  m.str(4, 'schema');
  m.i32(5, columns.length);
  m.structEnd();
  for (const c of columns) {
    m.elemStructBegin();
    m.i32(1, 6); // BYTE_ARRAY
    m.i32(3, 0); // REQUIRED
    m.str(4, c);
    m.i32(6, 0); // UTF8
    m.structEnd();
  }
  m.i64(3, rows.length);
  m.listBegin(4, 12, 1);
  m.elemStructBegin();
  m.listBegin(1, 12, columns.length);
  columns.forEach((c, ci) => {
    m.elemStructBegin();
    m.i64(2, chunks[ci]!.offset);
    m.structBegin(3);
    m.i32(1, 6);
    m.listI32(2, [0]);
    m.listStr(3, [c]);
    m.i32(4, 0);
    m.i64(5, rows.length);
    m.i64(6, chunks[ci]!.size);
    m.i64(7, chunks[ci]!.size);
    m.i64(9, chunks[ci]!.offset);
    m.structEnd();
    m.structEnd();
  });
  m.i64(2, chunks.reduce((a, c) => a + c.size, 0));
  m.i64(3, rows.length);
  m.structEnd();
  m.bytes.push(0);
  const meta = Buffer.from(m.bytes);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(meta.length);
  parts.push(meta, len, Buffer.from('PAR1'));
  return Buffer.concat(parts);
}
