import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccountKey, type RunningAzurite, startAzurite } from '../local/azurite';
import { BlobObjectStorage } from './blob-object-storage';

describe('BlobObjectStorage on Azurite', () => {
  let azurite: RunningAzurite;
  let pub: BlobObjectStorage;
  const keys = { public: newAccountKey(), secure: newAccountKey() };

  beforeAll(async () => {
    azurite = await startAzurite({ dataDir: mkdtempSync(join(tmpdir(), 'azurite-')), accounts: [{ name: 'public', key: keys.public }, { name: 'secure', key: keys.secure }] });
    pub = new BlobObjectStorage({ account: 'public', blobUrl: `${azurite.blobEndpoint}/public`, accountName: 'public', accountKey: keys.public });
  });
  afterAll(() => azurite.stop());

  it('writes, stats, lists, reads back and deletes', async () => {
    await pub.ensureContainer('uploads');
    await pub.write('uploads', 'a/b.txt', Buffer.from('hello'), 'text/plain');
    expect(await pub.stat('uploads', 'a/b.txt')).toMatchObject({ name: 'a/b.txt', size: 5, contentType: 'text/plain' });
    const names: string[] = [];
    for await (const b of pub.list('uploads', 'a/')) names.push(b.name);
    expect(names).toEqual(['a/b.txt']);
    const chunks: Buffer[] = [];
    for await (const c of await pub.openRead('uploads', 'a/b.txt')) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    await pub.delete('uploads', 'a/b.txt');
    expect(await pub.stat('uploads', 'a/b.txt')).toBeNull();
  });

  it('keeps the accounts apart: the public key cannot reach the secure account', async () => {
    const wrong = new BlobObjectStorage({ account: 'secure', blobUrl: `${azurite.blobEndpoint}/secure`, accountName: 'secure', accountKey: keys.public });
    await expect(wrong.ping()).rejects.toMatchObject({ statusCode: 403 });
    const right = new BlobObjectStorage({ account: 'secure', blobUrl: `${azurite.blobEndpoint}/secure`, accountName: 'secure', accountKey: keys.secure });
    await expect(right.ping()).resolves.toBeUndefined();
  });
});
