import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIER_POLICIES } from '@cloister/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectExportFile } from '../src/exports/file-inspection';

const dir = mkdtempSync(join(tmpdir(), 'cloister-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const put = (name: string, body: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return { path, size: Buffer.byteLength(body) };
};

/** A stored (uncompressed) zip whose central directory may declare sizes other than the real ones. */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('inspectExportFile', () => {
  it('fails a table holding a valid NHS number and flags the disclosive cell by row and column', async () => {
    const patients = put('p', 'patient,nhs_number\nA,943 476 5919\n');
    const r1 = await inspectExportFile(patients.path, { path: 'patients.csv', role: 'output', size: patients.size }, TIER_POLICIES[3]);
    expect(r1.checks.find((c) => c.name === 'pii')?.outcome).toBe('fail');
    expect(r1.findings.pii[0]).toMatchObject({ entity: 'UK_NHS', row: 1, field: 'nhs_number' });
    const table = put('t', 'region,count\nNorth,25\nSouth,3\n');
    const r2 = await inspectExportFile(table.path, { path: 'table.csv', role: 'output', size: table.size }, TIER_POLICIES[3]);
    expect(r2.findings.cells).toContainEqual({ row: 2, column: 2, check: 'threshold' });
    expect(r2.checks.find((c) => c.name === 'rows')?.outcome).toBe('pass');
  });

  it('applies the tier row limit to tables', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `r${i},10`).join('\n');
    const t = put('big', `k,count\n${rows}\n`);
    const r = await inspectExportFile(t.path, { path: 'big.csv', role: 'output', size: t.size }, TIER_POLICIES[4]);
    expect(r.checks.find((c) => c.name === 'rows')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('scans notebooks with their outputs and flags cells that carry outputs', async () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['df.head()'], outputs: [{ output_type: 'stream', text: ['contact jane.doe@example.com\n'] }] }] });
    const f = put('n', nb);
    const r = await inspectExportFile(f.path, { path: 'analysis.ipynb', role: 'output', size: f.size }, TIER_POLICIES[3]);
    expect(r.checks.find((c) => c.name === 'notebook')?.outcome).toBe('review');
    expect(r.findings.pii.some((x) => x.entity === 'EMAIL_ADDRESS')).toBe(true);
  });

  it('lists archives where the tier allows them, and refuses a zip bomb by its declared sizes', async () => {
    const ok = put('z1', zip([{ name: 'a.csv', data: Buffer.from('x,1\n') }, { name: 'inner.zip', data: Buffer.from('PK') }]));
    const listed = await inspectExportFile(ok.path, { path: 'bundle.zip', role: 'output', size: ok.size }, TIER_POLICIES[1]);
    expect(listed.findings.archiveEntries).toEqual(['a.csv', 'inner.zip']);
    expect(listed.checks.find((c) => c.name === 'archive')).toMatchObject({ outcome: 'review', hard: false });
    const bomb = put('z2', zip([{ name: 'huge.bin', data: Buffer.alloc(100), declaredSize: 0xfffffff0 }]));
    const refused = await inspectExportFile(bomb.path, { path: 'bomb.zip', role: 'output', size: bomb.size }, TIER_POLICIES[1]);
    expect(refused.checks.find((c) => c.name === 'archive')).toMatchObject({ outcome: 'fail', hard: true });
    expect(refused.checks.find((c) => c.name === 'archive')?.message).toMatch(/zip bomb/);
    const tier3 = await inspectExportFile(ok.path, { path: 'bundle.zip', role: 'output', size: ok.size }, TIER_POLICIES[3]);
    expect(tier3.checks.find((c) => c.name === 'file_type')).toMatchObject({ outcome: 'fail', hard: true });
  });

  it('flags images for a checker to look at, and passes plain text without identifiers', async () => {
    const img = put('i', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect((await inspectExportFile(img.path, { path: 'plot.png', role: 'output', size: img.size }, TIER_POLICIES[3])).checks.find((c) => c.name === 'pii')?.outcome).toBe('review');
    const txt = put('x', 'The model converged after 40 iterations.\n');
    const r = await inspectExportFile(txt.path, { path: 'notes.txt', role: 'output', size: txt.size }, TIER_POLICIES[3]);
    expect(r.checks.every((c) => c.outcome === 'pass')).toBe(true);
  });
});
