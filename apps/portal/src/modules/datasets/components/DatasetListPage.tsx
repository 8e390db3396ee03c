import {
  Body1,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { AppLink } from '../../../ui/AppLink';
import { ProjectPicker, useChosenProject } from '../../../ui/ProjectPicker';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { type Dataset, latestVersion } from '../api/Dataset';
import { isDataOwnerIn, projectsWithDatasets } from '../datasetAccess';
import { useDatasets } from '../hooks/useDatasets';
import { formatBytes } from '../upload/transferStats';
import { ClassificationBadge, DatasetStatusBadge } from './DatasetStatusBadge';
import { formatTime } from '../../../ui/formatTime';
import { NewDatasetDialog } from './NewDatasetDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
});

/** `/datasets?project=`: pick a project, see its datasets with the latest version's status; data owners add datasets. */
export function DatasetListPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const [created, setCreated] = useState<Dataset | null>(null);
  const projects = projectsWithDatasets(me);
  const selected = useChosenProject(projects);
  const owner = selected !== undefined && isDataOwnerIn(me, selected.id);

  return (
    <section className={styles.root}>
      <div className={styles.header}>
        <PageHeading>Datasets</PageHeading>
        {selected !== undefined && owner && <NewDatasetDialog key={selected.id} projectId={selected.id} onCreated={setCreated} />}
      </div>
      {selected === undefined ? (
        <Body1 block>You have no project with datasets.</Body1>
      ) : (
        <>
          <ProjectPicker projects={projects} selected={selected} onChange={() => setCreated(null)} />
          {created !== null && (
            <MessageBar intent="success">
              <MessageBarBody>
                Dataset {created.name} was created. <AppLink to={`/datasets/${selected.id}/${created.id}`}>Open {created.name}</AppLink> to upload its files.
              </MessageBarBody>
            </MessageBar>
          )}
          <DatasetsTable projectId={selected.id} owner={owner} />
        </>
      )}
    </section>
  );
}

function DatasetsTable({ projectId, owner }: { projectId: string; owner: boolean }) {
  const datasets = useDatasets(projectId);
  if (datasets.isPending) return <LoadingState label="Loading datasets…" />;
  if (datasets.isError) return <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />;
  if (datasets.data.items.length === 0) {
    return <Body1 block>{owner ? 'No datasets yet. Create one, then upload its files.' : 'No datasets are available in this project yet.'}</Body1>;
  }
  return (
    <Table aria-label="Datasets">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Classification</TableHeaderCell>
          <TableHeaderCell>Latest version</TableHeaderCell>
          <TableHeaderCell>Files</TableHeaderCell>
          <TableHeaderCell>Created</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {datasets.data.items.map((dataset) => {
          const latest = latestVersion(dataset);
          return (
            <TableRow key={dataset.id}>
              <TableCell>
                <AppLink to={`/datasets/${projectId}/${dataset.id}`}>{dataset.name}</AppLink>
              </TableCell>
              <TableCell>
                <ClassificationBadge classification={dataset.classification} />
              </TableCell>
              <TableCell>
                {latest === undefined ? (
                  '—'
                ) : (
                  <>
                    v{latest.version} <DatasetStatusBadge status={latest.status} />
                  </>
                )}
              </TableCell>
              <TableCell>{latest === undefined ? '—' : `${latest.fileCount} ${latest.fileCount === 1 ? 'file' : 'files'} · ${formatBytes(latest.totalBytes)}`}</TableCell>
              <TableCell>{formatTime(dataset.createdAt)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
