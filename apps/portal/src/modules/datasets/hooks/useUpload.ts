import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApiClient } from '../../../api/useApiClient';
import { requestUploads } from '../api/datasetRequests';
import { xhrBlobTransport } from '../upload/blobTransport';
import { ResumeStore, resumeStorageKey, unfinishedFiles, type FileResumeState } from '../upload/resumeState';
import { type FileProgress, runUpload, type UploadSource } from '../upload/runUpload';
import { addSample, type Sample, secondsLeft, speedOf } from '../upload/transferStats';

export interface TransferFigures {
  readonly uploaded: number;
  readonly total: number;
  readonly bytesPerSecond: number | null;
  readonly secondsLeft: number | null;
}

export interface UploadView {
  readonly sources: readonly UploadSource[];
  readonly progress: ReadonlyMap<string, FileProgress>;
  readonly figures: ReadonlyMap<string, TransferFigures>;
  readonly overall: TransferFigures;
  readonly running: boolean;
  readonly error: unknown;
  /** Files a previous visit started but did not finish: select them again to continue. */
  readonly interrupted: readonly { path: string; file: FileResumeState }[];
}

/** At most this often the bars repaint; the engine reports every progress event. */
const REPAINT_MS = 250;

/** The upload wizard's state for one dataset version: the selection, the run, per-file and overall speed and time left. */
export function useUpload(projectId: string, datasetId: string, version: number) {
  const client = useApiClient();
  const store = useMemo(() => new ResumeStore(resumeStorageKey(datasetId, version)), [datasetId, version]);
  const [sources, setSources] = useState<readonly UploadSource[]>([]);
  const [progress, setProgress] = useState<ReadonlyMap<string, FileProgress>>(new Map());
  const [figures, setFigures] = useState<ReadonlyMap<string, TransferFigures>>(new Map());
  const [overall, setOverall] = useState<TransferFigures>({ uploaded: 0, total: 0, bytesPerSecond: null, secondsLeft: null });
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [interrupted, setInterrupted] = useState(() => unfinishedFiles(store.load()));
  const abort = useRef<AbortController | null>(null);
  const samples = useRef(new Map<string, Sample[]>());
  const lastPaint = useRef(0);

  useEffect(() => () => abort.current?.abort(), []);

  const paint = useCallback((files: readonly FileProgress[], force: boolean) => {
    const at = performance.now();
    const perFile = new Map<string, TransferFigures>();
    let uploaded = 0;
    let total = 0;
    for (const file of files) {
      uploaded += file.uploaded;
      total += file.size;
      const fileSamples = addSample(samples.current.get(file.path) ?? [], { at, bytes: file.uploaded });
      samples.current.set(file.path, fileSamples);
      const speed = file.state === 'uploading' ? speedOf(fileSamples) : null;
      perFile.set(file.path, { uploaded: file.uploaded, total: file.size, bytesPerSecond: speed, secondsLeft: file.state === 'done' ? 0 : secondsLeft(file.size - file.uploaded, speed) });
    }
    const all = addSample(samples.current.get('') ?? [], { at, bytes: uploaded });
    samples.current.set('', all);
    if (!force && at - lastPaint.current < REPAINT_MS) return;
    lastPaint.current = at;
    const speed = speedOf(all);
    setProgress(new Map(files.map((file) => [file.path, file])));
    setFigures(perFile);
    setOverall({ uploaded, total, bytesPerSecond: speed, secondsLeft: secondsLeft(total - uploaded, speed) });
  }, []);

  const addSources = useCallback((added: readonly UploadSource[]) => {
    setSources((current) => {
      const byPath = new Map(current.map((source) => [source.path, source]));
      for (const source of added) byPath.set(source.path, source);
      return [...byPath.values()];
    });
  }, []);

  const removeSource = useCallback((path: string) => setSources((current) => current.filter((source) => source.path !== path)), []);

  const start = useCallback(async (): Promise<boolean> => {
    const controller = new AbortController();
    abort.current = controller;
    samples.current = new Map();
    setRunning(true);
    setError(null);
    try {
      const result = await runUpload({
        sources,
        requestUrls: (files) => requestUploads(client, projectId, datasetId, version, files),
        transport: xhrBlobTransport,
        store,
        signal: controller.signal,
        onProgress: (files) => paint(files, files.every((file) => file.state === 'done' || file.state === 'failed')),
      });
      paint(result, true);
      return result.every((file) => file.state === 'done');
    } catch (caught: unknown) {
      if (!controller.signal.aborted) setError(caught);
      return false;
    } finally {
      setRunning(false);
      setInterrupted(unfinishedFiles(store.load()));
      abort.current = null;
    }
  }, [client, datasetId, paint, projectId, sources, store, version]);

  const stop = useCallback(() => abort.current?.abort(), []);

  /** After a successful submit nothing is left to resume. */
  const forget = useCallback(() => {
    store.clear();
    setInterrupted([]);
  }, [store]);

  const view: UploadView = { sources, progress, figures, overall, running, error, interrupted };
  return { ...view, addSources, removeSource, start, stop, forget };
}
