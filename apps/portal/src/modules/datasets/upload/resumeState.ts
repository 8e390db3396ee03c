// What survives a page reload: per file, its identity (name, size, last modified), the block size used and
// the block indexes already staged. Kept in localStorage under the dataset and version.

export interface FileResumeState {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  readonly blockSize: number;
  /** Indexes of blocks staged on the blob (uncommitted until the block list is put). */
  readonly done: readonly number[];
  readonly committed: boolean;
}

export interface VersionResumeState {
  /** Keyed by the file's path inside the dataset. */
  readonly files: Readonly<Record<string, FileResumeState>>;
}

export interface FileIdentity {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

export const emptyResumeState: VersionResumeState = { files: {} };

export function resumeStorageKey(datasetId: string, version: number): string {
  return `cloister.upload.${datasetId}.v${version}`;
}

/** Same path, name, size and modification time: the bytes are taken to be the same and staged blocks are kept. */
export function isSameFile(saved: FileResumeState | undefined, file: FileIdentity): saved is FileResumeState {
  return saved !== undefined && saved.name === file.name && saved.size === file.size && saved.lastModified === file.lastModified;
}

/** The state to continue from for a file: the saved one when it is the same file with the same block size, otherwise a fresh start. */
export function resumeFor(state: VersionResumeState, path: string, file: FileIdentity, blockSize: number): FileResumeState {
  const saved = state.files[path];
  if (isSameFile(saved, file) && saved.blockSize === blockSize) return saved;
  return { name: file.name, size: file.size, lastModified: file.lastModified, blockSize, done: [], committed: false };
}

export function withFile(state: VersionResumeState, path: string, file: FileResumeState): VersionResumeState {
  return { files: { ...state.files, [path]: file } };
}

export function withBlockDone(state: VersionResumeState, path: string, index: number): VersionResumeState {
  const file = state.files[path];
  if (file === undefined || file.done.includes(index)) return state;
  return withFile(state, path, { ...file, done: [...file.done, index].sort((a, b) => a - b) });
}

export function withCommitted(state: VersionResumeState, path: string): VersionResumeState {
  const file = state.files[path];
  return file === undefined ? state : withFile(state, path, { ...file, committed: true });
}

/** Files started but not committed: the ones to ask the user to select again after a reload. */
export function unfinishedFiles(state: VersionResumeState): { path: string; file: FileResumeState }[] {
  return Object.entries(state.files)
    .filter(([, file]) => !file.committed)
    .map(([path, file]) => ({ path, file }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFile(value: unknown): FileResumeState | null {
  if (!isRecord(value)) return null;
  const { name, size, lastModified, blockSize, done, committed } = value;
  if (typeof name !== 'string' || typeof size !== 'number' || typeof lastModified !== 'number' || typeof blockSize !== 'number' || typeof committed !== 'boolean') return null;
  if (!Array.isArray(done) || !done.every((index): index is number => Number.isInteger(index))) return null;
  return { name, size, lastModified, blockSize, done, committed };
}

/** Reads saved state; anything unreadable counts as nothing saved (the upload then starts over). */
export function parseResumeState(raw: string | null): VersionResumeState {
  if (raw === null) return emptyResumeState;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || !isRecord(parsed['files'])) return emptyResumeState;
    const files: Record<string, FileResumeState> = {};
    for (const [path, value] of Object.entries(parsed['files'])) {
      const file = parseFile(value);
      if (file !== null) files[path] = file;
    }
    return { files };
  } catch {
    return emptyResumeState;
  }
}

/** localStorage-backed store for one dataset version; storage failures (quota, private mode) only cost resumability. */
export class ResumeStore {
  constructor(
    private readonly key: string,
    private readonly storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage,
  ) {}

  load(): VersionResumeState {
    try {
      return parseResumeState(this.storage?.getItem(this.key) ?? null);
    } catch {
      return emptyResumeState;
    }
  }

  save(state: VersionResumeState): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(state));
    } catch {
      // Not fatal: the upload goes on, it just cannot resume after a reload.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to do.
    }
  }
}
