import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactElement, useEffect, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import type { ExportFile } from '../api/ExportRequest';
import type { FileBytes } from '../api/exportRequests';
import { usePreview } from '../hooks/useExports';
import { CsvPreview } from './CsvPreview';
import { NotebookPreview } from './NotebookPreview';
import { TextPreview } from './TextPreview';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  image: { maxWidth: '100%', maxHeight: '480px', objectFit: 'contain', alignSelf: 'flex-start', border: `1px solid ${tokens.colorNeutralStroke2}` },
});

type Kind = 'csv' | 'tsv' | 'notebook' | 'image' | 'text';

function kindOf(path: string, contentType: string): Kind {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  if (contentType.startsWith('image/')) return 'image';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'ipynb') return 'notebook';
  return 'text';
}

/**
 * A checker's preview of one frozen file, read on the secure side and held only in this page's memory. Loaded on
 * request: every preview is audited.
 */
export function FilePreview({ projectId, requestId, file }: { projectId: string; requestId: string; file: ExportFile }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const preview = usePreview(projectId, requestId, file.id, open);
  if (!open) {
    return (
      <div>
        <Button size="small" onClick={() => setOpen(true)} aria-label={`Preview ${file.path}`}>
          Preview
        </Button>
      </div>
    );
  }
  if (preview.isPending) return <LoadingState label={`Loading ${file.path}…`} />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  return (
    <div className={styles.root} data-testid={`preview-${file.path}`}>
      {preview.data.truncated && (
        <MessageBar intent="warning">
          <MessageBarBody>Only the first 5 MiB of this file are shown.</MessageBarBody>
        </MessageBar>
      )}
      <PreviewBody file={file} bytes={preview.data} />
      <div>
        <Button size="small" appearance="subtle" onClick={() => setOpen(false)}>
          Hide preview
        </Button>
      </div>
    </div>
  );
}

function PreviewBody({ file, bytes }: { file: ExportFile; bytes: FileBytes }) {
  const kind = kindOf(file.path, bytes.contentType);
  const label = `Preview of ${file.path}`;
  const findings = file.findings ?? { pii: [], cells: [], archiveEntries: [] };
  if (kind === 'image') return <ImagePreview blob={bytes.blob} label={label} />;
  return <TextBody blob={bytes.blob} render={(text) => {
    if (kind === 'csv' || kind === 'tsv') return <CsvPreview text={text} tsv={kind === 'tsv'} cells={findings.cells} pii={findings.pii} label={label} />;
    if (kind === 'notebook') return <NotebookPreview text={text} label={label} />;
    return <TextPreview text={text} pii={findings.pii} label={label} />;
  }} />;
}

function TextBody({ blob, render }: { blob: Blob; render: (text: string) => ReactElement }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void blob.text().then((t) => live && setText(t));
    return () => {
      live = false;
    };
  }, [blob]);
  return text === null ? <Caption1>Reading…</Caption1> : render(text);
}

function ImagePreview({ blob, label }: { blob: Blob; label: string }) {
  const styles = useStyles();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url === null ? null : <img className={styles.image} src={url} alt={label} />;
}
