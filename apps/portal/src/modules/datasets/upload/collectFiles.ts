// Turns what the user picked or dropped into (path, file) pairs; folders keep their relative paths.
import type { UploadSource } from './runUpload';

/** From an <input type="file">: a folder pick sets webkitRelativePath (`folder/sub/a.csv`). */
export function sourcesFromFileList(files: Iterable<File>): UploadSource[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name, file }));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries answers in batches (about 100 at a time in Chromium) until it answers with none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, prefix: string, into: UploadSource[]): Promise<void> {
  const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
  if (entry.isFile) {
    into.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, path, into);
  }
}

/** From a drop: walks dropped folders; falls back to the plain file list where entries are not available. */
export async function sourcesFromDataTransfer(transfer: DataTransfer): Promise<UploadSource[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((entry) => entry === null)) return sourcesFromFileList(transfer.files);
  const sources: UploadSource[] = [];
  for (const entry of entries) if (entry !== null) await walk(entry, '', sources);
  return sources;
}
