import { describe, expect, it } from 'vitest';
import {
  emptyResumeState, isSameFile, parseResumeState, ResumeStore, resumeFor, resumeStorageKey, unfinishedFiles, withBlockDone, withCommitted, withFile,
} from './resumeState';

const file = { name: 'a.csv', size: 20, lastModified: 1_700_000_000_000 };
const MiB8 = 8 * 1024 * 1024;

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('resume state', () => {
  it('is keyed by dataset and version', () => {
    expect(resumeStorageKey('d-1', 3)).toBe('cloister.upload.d-1.v3');
  });

  it('continues a file from its staged blocks when name, size and modification time match', () => {
    let state = withFile(emptyResumeState, 'dir/a.csv', resumeFor(emptyResumeState, 'dir/a.csv', file, MiB8));
    state = withBlockDone(withBlockDone(state, 'dir/a.csv', 2), 'dir/a.csv', 0);
    expect(resumeFor(state, 'dir/a.csv', file, MiB8).done).toEqual([0, 2]);
  });

  it('starts over when the file changed or the block size differs', () => {
    const state = withBlockDone(withFile(emptyResumeState, 'a.csv', resumeFor(emptyResumeState, 'a.csv', file, MiB8)), 'a.csv', 0);
    expect(resumeFor(state, 'a.csv', { ...file, lastModified: file.lastModified + 1 }, MiB8).done).toEqual([]);
    expect(resumeFor(state, 'a.csv', { ...file, size: 21 }, MiB8).done).toEqual([]);
    expect(resumeFor(state, 'a.csv', file, 2 * MiB8).done).toEqual([]);
    expect(resumeFor(state, 'b.csv', file, MiB8).done).toEqual([]);
  });

  it('records each block once and lists uncommitted files as unfinished', () => {
    let state = withFile(emptyResumeState, 'a.csv', resumeFor(emptyResumeState, 'a.csv', file, MiB8));
    state = withFile(state, 'b.csv', resumeFor(state, 'b.csv', { ...file, name: 'b.csv' }, MiB8));
    state = withBlockDone(withBlockDone(state, 'a.csv', 0), 'a.csv', 0);
    expect(state.files['a.csv']?.done).toEqual([0]);
    state = withCommitted(state, 'a.csv');
    expect(unfinishedFiles(state).map((f) => f.path)).toEqual(['b.csv']);
    expect(isSameFile(state.files['a.csv'], file)).toBe(true);
  });

  it('reads back what it saved and treats anything unreadable as nothing saved', () => {
    const storage = memoryStorage();
    const store = new ResumeStore('k', storage);
    const state = withBlockDone(withFile(emptyResumeState, 'a.csv', resumeFor(emptyResumeState, 'a.csv', file, MiB8)), 'a.csv', 1);
    store.save(state);
    expect(new ResumeStore('k', storage).load()).toEqual(state);
    store.clear();
    expect(store.load()).toEqual(emptyResumeState);
    expect(parseResumeState('{not json')).toEqual(emptyResumeState);
    expect(parseResumeState(JSON.stringify({ files: { 'a.csv': { name: 'a.csv', size: '20' }, ok: { ...file, blockSize: 1, done: [0], committed: true } } }))).toEqual({
      files: { ok: { ...file, blockSize: 1, done: [0], committed: true } },
    });
  });
});
