import { Body1, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { useManifest } from '../hooks/useDatasets';
import { formatBytes } from '../upload/transferStats';

const useStyles = makeStyles({
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  path: { wordBreak: 'break-all' },
  size: { width: '120px' },
});

/** The sealed version's files with their SHA-256 as verified on the secure side (each view is audited). */
export function ManifestTable({ projectId, datasetId, version }: { projectId: string; datasetId: string; version: number }) {
  const styles = useStyles();
  const manifest = useManifest(projectId, datasetId, version, true);
  if (manifest.isPending) return <LoadingState label="Loading the manifest…" />;
  if (manifest.isError) return <ErrorState error={manifest.error} onRetry={() => void manifest.refetch()} />;
  const files = manifest.data.files;
  if (files.length === 0) return <Body1 block>This version has no files.</Body1>;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  return (
    <div>
      <Table aria-label={`Manifest of version ${version}`} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Path</TableHeaderCell>
            <TableHeaderCell className={styles.size}>Size</TableHeaderCell>
            <TableHeaderCell>SHA-256</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {files.map((file) => (
            <TableRow key={file.path}>
              <TableCell className={styles.path}>{file.path}</TableCell>
              <TableCell className={styles.size} title={`${file.size} bytes`}>
                {formatBytes(file.size)}
              </TableCell>
              <TableCell className={styles.hash}>{file.sha256 ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Caption1>
        {files.length} {files.length === 1 ? 'file' : 'files'}, {formatBytes(total)}
      </Caption1>
    </div>
  );
}
