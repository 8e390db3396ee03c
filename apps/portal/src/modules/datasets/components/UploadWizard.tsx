import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import type { DatasetVersion } from '../api/Dataset';
import { datasetQueryKey, useSubmitVersion } from '../hooks/useDatasets';
import { type TransferFigures, useUpload } from '../hooks/useUpload';
import { sourcesFromDataTransfer, sourcesFromFileList } from '../upload/collectFiles';
import type { FileUploadState } from '../upload/runUpload';
import { formatBytes, formatSecondsLeft, formatSpeed, fractionDone } from '../upload/transferStats';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingVerticalXL,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  zoneActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  hidden: { display: 'none' },
  path: { wordBreak: 'break-all' },
  progressCell: { minWidth: '220px' },
  numbers: { color: tokens.colorNeutralForeground3 },
});

const stateLabels: Record<FileUploadState, string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  committing: 'Finishing',
  done: 'Uploaded',
  failed: 'Failed',
};

function figuresText(figures: TransferFigures | undefined, fallbackTotal: number): string {
  if (figures === undefined) return `0 B of ${formatBytes(fallbackTotal)}`;
  if (figures.uploaded >= figures.total) return `${formatBytes(figures.total)} uploaded`;
  return `${formatBytes(figures.uploaded)} of ${formatBytes(figures.total)} · ${formatSpeed(figures.bytesPerSecond)} · ${formatSecondsLeft(figures.secondsLeft)} left`;
}

/**
 * Upload wizard for an open version (draft or uploading): pick or drop files and folders, send them in
 * blocks straight to storage with per-file and overall progress, then submit the version for transfer.
 * Staged blocks survive a reload; selecting the same files again continues where it stopped.
 */
export function UploadWizard({ projectId, datasetId, version }: { projectId: string; datasetId: string; version: DatasetVersion }) {
  const styles = useStyles();
  const upload = useUpload(projectId, datasetId, version.version);
  const submit = useSubmitVersion(projectId, datasetId);
  const queryClient = useQueryClient();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const allDone = upload.sources.length > 0 && upload.sources.every((source) => upload.progress.get(source.path)?.state === 'done');
  const someFailed = [...upload.progress.values()].some((file) => file.state === 'failed');
  const canSubmit = !upload.running && !submit.isPending && (allDone || (upload.sources.length === 0 && version.fileCount > 0 && upload.interrupted.length === 0));
  const totalBytes = upload.sources.reduce((sum, source) => sum + source.file.size, 0);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (upload.running) return;
    void sourcesFromDataTransfer(event.dataTransfer).then(upload.addSources);
  };

  const onStart = async () => {
    submit.reset();
    await upload.start();
    await queryClient.invalidateQueries({ queryKey: datasetQueryKey(projectId, datasetId) });
  };

  const onSubmit = () => {
    submit.mutate(version.version, { onSuccess: () => upload.forget() });
  };

  return (
    <div className={styles.root}>
      {upload.interrupted.length > 0 && !upload.running && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>An earlier upload was not finished</MessageBarTitle>
            Select the same {upload.interrupted.length === 1 ? 'file' : 'files'} again to continue; blocks already sent are not sent again:{' '}
            {upload.interrupted
              .slice(0, 10)
              .map(({ path, file }) => `${path} (${formatBytes(file.size)})`)
              .join(', ')}
            {upload.interrupted.length > 10 && ` and ${upload.interrupted.length - 10} more`}.
          </MessageBarBody>
        </MessageBar>
      )}

      <div
        className={mergeClasses(styles.zone, dragging && styles.zoneActive)}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Text weight="semibold">Drag files or folders here</Text>
        <div className={styles.row}>
          <Button disabled={upload.running} onClick={() => filesInput.current?.click()}>
            Choose files
          </Button>
          <Button disabled={upload.running} onClick={() => folderInput.current?.click()}>
            Choose a folder
          </Button>
        </div>
        <Caption1>Folders keep their structure. Files go straight to the project’s ingress storage, in 8 MiB blocks.</Caption1>
        <input
          ref={filesInput}
          className={styles.hidden}
          type="file"
          multiple
          aria-label="Files to upload"
          onChange={(event) => {
            if (event.target.files) upload.addSources(sourcesFromFileList(event.target.files));
            event.target.value = '';
          }}
        />
        <input
          ref={(element) => {
            folderInput.current = element;
            if (element) element.webkitdirectory = true;
          }}
          className={styles.hidden}
          type="file"
          aria-label="Folder to upload"
          onChange={(event) => {
            if (event.target.files) upload.addSources(sourcesFromFileList(event.target.files));
            event.target.value = '';
          }}
        />
      </div>

      {upload.sources.length > 0 && (
        <>
          <Table aria-label="Files to upload" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>File</TableHeaderCell>
                <TableHeaderCell>Progress</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {upload.sources.map((source) => {
                const progress = upload.progress.get(source.path);
                const figures = upload.figures.get(source.path);
                const state = progress?.state ?? 'waiting';
                return (
                  <TableRow key={source.path}>
                    <TableCell className={styles.path}>{source.path}</TableCell>
                    <TableCell className={styles.progressCell}>
                      <ProgressBar
                        aria-label={`Progress of ${source.path}`}
                        value={fractionDone(progress?.uploaded ?? 0, source.file.size, state === 'done')}
                        color={state === 'failed' ? 'error' : state === 'done' ? 'success' : 'brand'}
                      />
                      <Caption1 className={styles.numbers}>{figuresText(figures, source.file.size)}</Caption1>
                    </TableCell>
                    <TableCell>
                      {state === 'failed' ? <Text title={progress?.error ?? undefined}>Failed: {progress?.error}</Text> : stateLabels[state]}
                      {!upload.running && state !== 'done' && (
                        <Button size="small" appearance="subtle" aria-label={`Remove ${source.path}`} onClick={() => upload.removeSource(source.path)}>
                          Remove
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>

          <Field label="Overall" hint={figuresText(upload.sources.length > 0 && upload.overall.total > 0 ? upload.overall : undefined, totalBytes)}>
            <ProgressBar aria-label="Overall progress" value={allDone ? 1 : fractionDone(upload.overall.uploaded, upload.overall.total)} color={someFailed ? 'warning' : allDone ? 'success' : 'brand'} />
          </Field>
        </>
      )}

      {upload.error !== null && <ErrorState error={upload.error} />}
      {submit.isError && <ErrorState error={submit.error} />}

      <div className={styles.row}>
        {upload.running ? (
          <Button onClick={upload.stop}>Stop</Button>
        ) : (
          <Button appearance={allDone ? 'secondary' : 'primary'} disabled={upload.sources.length === 0 || allDone} onClick={() => void onStart()}>
            {someFailed || upload.interrupted.length > 0 ? 'Continue upload' : 'Upload'}
          </Button>
        )}
        <Button appearance={allDone ? 'primary' : 'secondary'} disabled={!canSubmit} onClick={onSubmit}>
          {submit.isPending ? 'Submitting…' : 'Submit for transfer'}
        </Button>
        {upload.sources.length === 0 && version.fileCount > 0 && (
          <Body1>
            {version.fileCount} {version.fileCount === 1 ? 'file' : 'files'} ({formatBytes(version.totalBytes)}) registered for this version.
          </Body1>
        )}
      </div>
    </div>
  );
}
