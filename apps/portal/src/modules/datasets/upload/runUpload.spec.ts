import { describe, expect, it } from 'vitest';
import type { UploadGrant, UploadRequestFile } from '../api/Dataset';
import { blockId } from './blockPlan';
import { BlobRequestError, type BlobTransport } from './blobTransport';
import { emptyResumeState, ResumeStore, resumeFor, withBlockDone, withFile } from './resumeState';
import { type FileProgress, runUpload } from './runUpload';

const MiB = 1024 * 1024;

function memoryStore(): ResumeStore {
  const data = new Map<string, string>();
  const storage = {
    length: 0,
    clear: () => data.clear(),
    getItem: (key: string) => data.get(key) ?? null,
    key: () => null,
    removeItem: (key: string) => void data.delete(key),
    setItem: (key: string, value: string) => void data.set(key, value),
  } satisfies Storage;
  return new ResumeStore('test', storage);
}

function fakeTransport(options: { refuseFirstBlockOf?: string } = {}) {
  const blocks: { url: string; id: string; size: number }[] = [];
  const lists: { url: string; xml: string; contentType: string }[] = [];
  let refused = false;
  const transport: BlobTransport = {
    async putBlock(url, id, body, onProgress) {
      if (options.refuseFirstBlockOf !== undefined && url.includes(options.refuseFirstBlockOf) && url.includes('sig=old') && !refused) {
        refused = true;
        throw new BlobRequestError(403, 'AuthenticationFailed', 'expired');
      }
      onProgress(body.size);
      blocks.push({ url, id, size: body.size });
    },
    async putBlockList(url, xml, contentType) {
      lists.push({ url, xml, contentType });
    },
  };
  return { transport, blocks, lists };
}

function fakeApi(signature = 'sig=new') {
  const calls: UploadRequestFile[][] = [];
  let call = 0;
  const requestUrls = async (files: UploadRequestFile[]): Promise<UploadGrant[]> => {
    calls.push(files);
    call += 1;
    const sig = call === 1 ? signature : 'sig=new';
    return files.map((f) => ({ path: f.path, uploadUrl: `http://blob.test/public/uploads/${encodeURIComponent(f.path)}?${sig}`, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), blockSizeBytes: 8 * MiB }));
  };
  return { requestUrls, calls };
}

const file = (name: string, size: number, lastModified = 1_700_000_000_000) => new File([new Uint8Array(size)], name, { type: 'text/csv', lastModified });

describe('runUpload', () => {
  it('sends each file in 8 MiB blocks and commits every block id in order with the content type', async () => {
    const { transport, blocks, lists } = fakeTransport();
    const api = fakeApi();
    const progress: (readonly FileProgress[])[] = [];
    const result = await runUpload({
      sources: [{ path: 'data/a.csv', file: file('a.csv', 20 * MiB) }, { path: 'b.csv', file: file('b.csv', 3) }],
      requestUrls: api.requestUrls, transport, store: memoryStore(), onProgress: (p) => progress.push(p), signal: new AbortController().signal,
    });
    expect(api.calls).toEqual([[{ path: 'data/a.csv', size: 20 * MiB, contentType: 'text/csv' }, { path: 'b.csv', size: 3, contentType: 'text/csv' }]]);
    expect(blocks.filter((b) => b.url.includes('data%2Fa.csv')).map((b) => [b.id, b.size]).sort()).toEqual([[blockId(0), 8 * MiB], [blockId(1), 8 * MiB], [blockId(2), 4 * MiB]]);
    expect(lists).toHaveLength(2);
    const listA = lists.find((l) => l.url.includes('data%2Fa.csv'));
    expect(listA?.xml).toContain(`<Latest>${blockId(0)}</Latest><Latest>${blockId(1)}</Latest><Latest>${blockId(2)}</Latest>`);
    expect(listA?.contentType).toBe('text/csv');
    expect(result.map((f) => [f.path, f.state, f.uploaded])).toEqual([['data/a.csv', 'done', 20 * MiB], ['b.csv', 'done', 3]]);
    // Progress only grows for a file that never fails.
    const uploadedA = progress.map((p) => p[0]?.uploaded ?? 0);
    expect(uploadedA).toEqual([...uploadedA].sort((x, y) => x - y));
  });

  it('after a reload re-sends only the blocks not staged, and skips files already committed', async () => {
    const store = memoryStore();
    const a = file('a.csv', 20 * MiB);
    const done = file('done.csv', 5);
    let state = withFile(emptyResumeState, 'a.csv', resumeFor(emptyResumeState, 'a.csv', a, 8 * MiB));
    state = withBlockDone(withBlockDone(state, 'a.csv', 0), 'a.csv', 2);
    state = withFile(state, 'done.csv', { ...resumeFor(state, 'done.csv', done, 8 * MiB), done: [0], committed: true });
    store.save(state);

    const { transport, blocks, lists } = fakeTransport();
    const api = fakeApi();
    const result = await runUpload({ sources: [{ path: 'a.csv', file: a }, { path: 'done.csv', file: done }], requestUrls: api.requestUrls, transport, store, onProgress: () => undefined, signal: new AbortController().signal });
    expect(api.calls.flat().map((f) => f.path)).toEqual(['a.csv']);
    expect(blocks.map((b) => b.id)).toEqual([blockId(1)]);
    expect(lists).toHaveLength(1);
    expect(result.every((f) => f.state === 'done')).toBe(true);
    expect(store.load().files['a.csv']).toMatchObject({ done: [0, 1, 2], committed: true });
  });

  it('asks for a fresh URL when storage refuses the SAS (403) and carries on', async () => {
    const { transport, blocks } = fakeTransport({ refuseFirstBlockOf: 'a.csv' });
    const api = fakeApi('sig=old');
    const result = await runUpload({ sources: [{ path: 'a.csv', file: file('a.csv', 10) }], requestUrls: api.requestUrls, transport, store: memoryStore(), onProgress: () => undefined, signal: new AbortController().signal });
    expect(api.calls).toHaveLength(2);
    expect(blocks.map((b) => b.url)).toEqual([expect.stringContaining('sig=new')]);
    expect(result[0]?.state).toBe('done');
  });

  it('marks a file failed on a refusal it cannot fix, and still finishes the others', async () => {
    const { transport } = fakeTransport();
    const failing: BlobTransport = {
      ...transport,
      async putBlock(url, id, body, onProgress, signal) {
        if (url.includes('bad.csv')) throw new BlobRequestError(400, 'InvalidHeaderValue', 'Storage refused the upload (400 InvalidHeaderValue).');
        return transport.putBlock(url, id, body, onProgress, signal);
      },
    };
    const result = await runUpload({
      sources: [{ path: 'bad.csv', file: file('bad.csv', 10) }, { path: 'good.csv', file: file('good.csv', 10) }],
      requestUrls: fakeApi().requestUrls, transport: failing, store: memoryStore(), onProgress: () => undefined, signal: new AbortController().signal,
    });
    expect(result.map((f) => [f.path, f.state])).toEqual([['bad.csv', 'failed'], ['good.csv', 'done']]);
    expect(result[0]?.error).toContain('InvalidHeaderValue');
  });

  it('commits an empty file without sending blocks', async () => {
    const { transport, blocks, lists } = fakeTransport();
    const result = await runUpload({ sources: [{ path: 'empty.txt', file: file('empty.txt', 0) }], requestUrls: fakeApi().requestUrls, transport, store: memoryStore(), onProgress: () => undefined, signal: new AbortController().signal });
    expect(blocks).toEqual([]);
    expect(lists.map((l) => l.xml)).toEqual(['<?xml version="1.0" encoding="utf-8"?><BlockList></BlockList>']);
    expect(result[0]?.state).toBe('done');
  });
});
