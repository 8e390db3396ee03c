import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { useExportRequests } from '../hooks/useExports';
import { formatTime } from './formatting';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The project's earlier releases, for the differencing risk: outputs that are safe alone may not be safe together. */
export function EarlierReleases({ projectId, currentId }: { projectId: string; currentId: string }) {
  const styles = useStyles();
  const released = useExportRequests(projectId, 'released');
  if (released.isPending) return <LoadingState label="Loading earlier releases…" />;
  if (released.isError) return <ErrorState error={released.error} onRetry={() => void released.refetch()} />;
  const items = released.data.items.filter((r) => r.id !== currentId);
  if (items.length === 0) return <Body1 block>Nothing has been released from this project yet.</Body1>;
  return (
    <ul className={styles.list} aria-label="Earlier releases">
      {items.map((r) => (
        <li key={r.id}>
          <AppLink to={`/reviews/${projectId}/${r.id}`}>{r.title}</AppLink>
          <Caption1 block>
            {r.requester} · {r.outputCount} {r.outputCount === 1 ? 'output' : 'outputs'}
            {r.releasedAt !== null && ` · released ${formatTime(r.releasedAt)}`}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}
