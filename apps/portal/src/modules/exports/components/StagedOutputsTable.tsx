import { Body1, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { useStagedOutputs } from '../hooks/useExports';
import { formatBytes, formatTime } from './formatting';

const useStyles = makeStyles({
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  command: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalS, borderRadius: tokens.borderRadiusMedium, display: 'block' },
});

/** The researcher's staged outputs (metadata only: the API never shows their contents) and how to stage more. */
export function StagedOutputsTable({ projectId, email }: { projectId: string; email: string }) {
  const styles = useStyles();
  const staged = useStagedOutputs(projectId);
  return (
    <div>
      <Body1 block>
        Stage files from your workspace with <code className={styles.command}>npx cloister-agent put --project {projectId} --user {email} FILE…</code>
      </Body1>
      {staged.isPending ? (
        <LoadingState label="Loading staged outputs…" />
      ) : staged.isError ? (
        <ErrorState error={staged.error} onRetry={() => void staged.refetch()} />
      ) : staged.data.items.length === 0 ? (
        <Body1 block>Nothing staged yet.</Body1>
      ) : (
        <Table aria-label="Staged outputs" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Size</TableHeaderCell>
              <TableHeaderCell>SHA-256</TableHeaderCell>
              <TableHeaderCell>Modified</TableHeaderCell>
              <TableHeaderCell>In request</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {staged.data.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell>{item.path}</TableCell>
                <TableCell>{formatBytes(item.size)}</TableCell>
                <TableCell>
                  <span className={styles.hash}>{item.sha256}</span>
                </TableCell>
                <TableCell>{formatTime(item.modifiedAt)}</TableCell>
                <TableCell>{item.heldBy === null ? <Caption1>—</Caption1> : item.heldBy.title}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
