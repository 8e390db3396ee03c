// Uploads a set of files straight to storage with write-only SAS URLs: blocks of the API's size, a few in
// flight at once, each file's block list committed when its last block is staged. Staged block indexes are
// saved as they land, so a reload continues with only the missing blocks.
import type { UploadGrant, UploadRequestFile } from '../api/Dataset';
import { type Block, blockListXml, chooseBlockSize, planBlocks, remainingBlocks, stagedBytes } from './blockPlan';
import { BlobRequestError, type BlobTransport } from './blobTransport';
import { type ResumeStore, resumeFor, type VersionResumeState, withBlockDone, withCommitted, withFile } from './resumeState';

export interface UploadSource {
  /** Path inside the dataset (relative path for folders). */
  readonly path: string;
  readonly file: File;
}

export type FileUploadState = 'waiting' | 'uploading' | 'committing' | 'done' | 'failed';

export interface FileProgress {
  readonly path: string;
  readonly size: number;
  /** Bytes staged, including the in-flight part of blocks being sent. */
  readonly uploaded: number;
  readonly state: FileUploadState;
  readonly error: string | null;
}

export interface UploadOptions {
  readonly sources: readonly UploadSource[];
  /** Asks the API for upload URLs (≤1000 files per call). */
  readonly requestUrls: (files: UploadRequestFile[]) => Promise<UploadGrant[]>;
  readonly transport: BlobTransport;
  readonly store: ResumeStore;
  readonly onProgress: (files: readonly FileProgress[]) => void;
  readonly signal: AbortSignal;
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const UPLOAD_CONCURRENCY = 4;
export const URLS_PER_REQUEST = 1000;
/** A URL closer than this to its expiry is renewed before use. */
export const URL_RENEW_MARGIN_MS = 60_000;
const MAX_ATTEMPTS = 5;

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

/** The browser's type when the API accepts it, else a generic binary type. */
export function contentTypeOf(file: File): string {
  return MIME.test(file.type) ? file.type : 'application/octet-stream';
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Worth trying again: no answer, throttling, server errors. */
function isTransient(error: unknown): boolean {
  return error instanceof BlobRequestError && (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500);
}

/** The SAS expired or was refused: a new URL for the same blob fixes it. */
function isAuthFailure(error: unknown): boolean {
  return error instanceof BlobRequestError && error.status === 403;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'The upload failed.';
}

interface FileTask {
  readonly source: UploadSource;
  readonly blocks: readonly Block[];
  readonly contentType: string;
  grant: UploadGrant;
  renewing: Promise<UploadGrant> | null;
  done: Set<number>;
  inFlight: Map<number, number>;
  state: FileUploadState;
  error: string | null;
  pending: number;
  restarted: boolean;
}

/** Runs the upload; resolves when every file is done or has failed (see the progress), rejects only when stopped. */
export async function runUpload(options: UploadOptions): Promise<readonly FileProgress[]> {
  const { sources, transport, store, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let state: VersionResumeState = store.load();
  const tasks = new Map<string, FileTask>();

  const snapshot = (): FileProgress[] =>
    sources.map(({ path, file }) => {
      const task = tasks.get(path);
      if (task === undefined) return { path, size: file.size, uploaded: 0, state: 'waiting', error: null };
      const inFlight = [...task.inFlight.values()].reduce((sum, bytes) => sum + bytes, 0);
      const uploaded = task.state === 'done' ? file.size : Math.min(file.size, stagedBytes(task.blocks, task.done) + inFlight);
      return { path, size: file.size, uploaded, state: task.state, error: task.error };
    });
  const report = () => options.onProgress(snapshot());
  const save = (next: VersionResumeState) => {
    state = next;
    store.save(state);
  };

  // Files already committed (same file as last time) need nothing; the rest get URLs, in chunks.
  const open = sources.filter(({ path, file }) => {
    const saved = state.files[path];
    return !(saved?.committed === true && saved.size === file.size && saved.lastModified === file.lastModified && saved.name === file.name);
  });
  for (const { path, file } of sources) {
    if (!open.some((source) => source.path === path)) {
      tasks.set(path, { source: { path, file }, blocks: [], contentType: contentTypeOf(file), grant: { path, uploadUrl: '', expiresAt: '', blockSizeBytes: 0 }, renewing: null, done: new Set(), inFlight: new Map(), state: 'done', error: null, pending: 0, restarted: false });
    }
  }
  report();

  for (let start = 0; start < open.length; start += URLS_PER_REQUEST) {
    const chunk = open.slice(start, start + URLS_PER_REQUEST);
    const grants = await options.requestUrls(chunk.map(({ path, file }) => ({ path, size: file.size, contentType: contentTypeOf(file) })));
    chunk.forEach((source, i) => {
      // The API answers in request order; the path it returns is the NFC-normalised one.
      const grant = grants[i];
      if (grant === undefined) throw new Error(`The API returned no upload URL for ${source.path}.`);
      const blockSize = chooseBlockSize(source.file.size, grant.blockSizeBytes);
      const resume = resumeFor(state, source.path, source.file, blockSize);
      save(withFile(state, source.path, resume));
      const blocks = planBlocks(source.file.size, blockSize);
      const done = new Set(resume.done.filter((index) => index < blocks.length));
      tasks.set(source.path, {
        source, blocks, contentType: contentTypeOf(source.file), grant, renewing: null, done, inFlight: new Map(), state: 'waiting', error: null,
        pending: remainingBlocks(blocks, done).length, restarted: false,
      });
    });
  }
  report();

  const renewUrl = (task: FileTask): Promise<UploadGrant> => {
    task.renewing ??= options
      .requestUrls([{ path: task.source.path, size: task.source.file.size, contentType: task.contentType }])
      .then((grants) => {
        const grant = grants[0];
        if (grant === undefined) throw new Error(`The API returned no upload URL for ${task.source.path}.`);
        task.grant = grant;
        return grant;
      })
      .finally(() => {
        task.renewing = null;
      });
    return task.renewing;
  };

  const currentUrl = async (task: FileTask): Promise<string> => {
    if (task.renewing !== null) return (await task.renewing).uploadUrl;
    if (Date.parse(task.grant.expiresAt) - now() < URL_RENEW_MARGIN_MS) return (await renewUrl(task)).uploadUrl;
    return task.grant.uploadUrl;
  };

  /** One storage call with retries: a refused SAS gets a fresh URL, transient failures back off. */
  const withRetries = async (task: FileTask, call: (url: string) => Promise<void>): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await call(await currentUrl(task));
        return;
      } catch (error: unknown) {
        if (isAbort(error) || signal.aborted || attempt >= MAX_ATTEMPTS) throw error;
        if (isAuthFailure(error)) await renewUrl(task);
        else if (isTransient(error)) await sleep(Math.min(8_000, 500 * 2 ** attempt));
        else throw error;
      }
    }
  };

  const queue: { task: FileTask; block: Block }[] = [];
  const commit = async (task: FileTask): Promise<void> => {
    task.state = 'committing';
    report();
    try {
      await withRetries(task, (url) => transport.putBlockList(url, blockListXml(task.blocks), task.contentType, signal));
    } catch (error: unknown) {
      // Staged blocks are gone (expired, or the blob was reset): send the whole file again, once.
      if (error instanceof BlobRequestError && error.code === 'InvalidBlockList' && !task.restarted) {
        task.restarted = true;
        task.done = new Set();
        task.pending = task.blocks.length;
        save(withFile(state, task.source.path, { ...resumeFor(state, task.source.path, task.source.file, task.blocks[0]?.length ?? 0), done: [], committed: false }));
        task.state = 'uploading';
        for (const block of task.blocks) queue.push({ task, block });
        report();
        return;
      }
      throw error;
    }
    task.state = 'done';
    save(withCommitted(state, task.source.path));
    report();
  };

  for (const task of tasks.values()) {
    if (task.state === 'done') continue;
    const remaining = remainingBlocks(task.blocks, task.done);
    for (const block of remaining) queue.push({ task, block });
  }

  const fail = (task: FileTask, error: unknown) => {
    task.state = 'failed';
    task.error = messageOf(error);
    task.inFlight.clear();
    report();
  };

  // Files with nothing left to send (empty, or all blocks staged before a reload) only need their commit.
  const commitsWithoutBlocks = [...tasks.values()].filter((task) => task.state === 'waiting' && task.pending === 0);

  const worker = async (): Promise<void> => {
    for (const task of commitsWithoutBlocks.splice(0)) {
      try {
        await commit(task);
      } catch (error: unknown) {
        if (isAbort(error)) throw error;
        fail(task, error);
      }
    }
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const { task, block } = item;
      if (task.state === 'failed') continue;
      task.state = 'uploading';
      try {
        await withRetries(task, (url) =>
          transport.putBlock(url, block.id, task.source.file.slice(block.offset, block.offset + block.length), (loaded) => {
            task.inFlight.set(block.index, loaded);
            report();
          }, signal),
        );
        task.inFlight.delete(block.index);
        task.done.add(block.index);
        save(withBlockDone(state, task.source.path, block.index));
        task.pending -= 1;
        report();
        if (task.pending === 0) await commit(task);
      } catch (error: unknown) {
        task.inFlight.delete(block.index);
        if (isAbort(error) || signal.aborted) throw error;
        fail(task, error);
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, options.concurrency ?? UPLOAD_CONCURRENCY) }, () => worker());
  const results = await Promise.allSettled(workers);
  const stopped = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (stopped !== undefined) throw stopped.reason;
  const final = snapshot();
  options.onProgress(final);
  return final;
}
