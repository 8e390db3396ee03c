import { Body1, Button, Caption1, Card, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useParams } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { type Dataset, type DatasetVersion, isSettled, latestVersion } from '../api/Dataset';
import { projectsWithDatasets } from '../datasetAccess';
import { useCreateVersion, useDataset, useRetryVersion } from '../hooks/useDatasets';
import { formatBytes } from '../upload/transferStats';
import { ClassificationBadge, DatasetStatusBadge } from './DatasetStatusBadge';
import { ManifestTable } from './ManifestTable';
import { UploadWizard } from './UploadWizard';
import { VersionTimeline } from './VersionTimeline';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  meta: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalL },
  versionHeader: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

/** `/datasets/:projectId/:datasetId`: versions newest first, each with its timeline; uploads for the owner, manifests when available. */
export function DatasetDetailPage() {
  const { projectId = '', datasetId = '' } = useParams();
  const me = useCurrentUser();
  const project = projectsWithDatasets(me).find((p) => p.id === projectId);
  if (project === undefined) return <NotFoundPage />;
  return <DatasetDetail projectId={projectId} projectName={project.name} datasetId={datasetId} ownerId={me.id} />;
}

function DatasetDetail({ projectId, projectName, datasetId, ownerId }: { projectId: string; projectName: string; datasetId: string; ownerId: string }) {
  const styles = useStyles();
  const dataset = useDataset(projectId, datasetId);
  const createVersion = useCreateVersion(projectId, datasetId);
  if (dataset.isPending) return <LoadingState label="Loading the dataset…" />;
  if (dataset.isError) return <ErrorState error={dataset.error} onRetry={() => void dataset.refetch()} />;
  const data = dataset.data;
  const isOwner = data.ownerId === ownerId;
  const latest = latestVersion(data);
  const canAddVersion = isOwner && latest !== undefined && isSettled(latest.status);
  const versions = [...data.versions].sort((a, b) => b.version - a.version);
  const newestAvailable = versions.find((v) => v.status === 'available')?.version;

  return (
    <section className={styles.root}>
      <Body1 block>
        <AppLink to={`/datasets?project=${projectId}`}>Datasets of {projectName}</AppLink>
      </Body1>
      <div className={styles.header}>
        <PageHeading>{data.name}</PageHeading>
        {canAddVersion && (
          <Button onClick={() => createVersion.mutate()} disabled={createVersion.isPending}>
            New version
          </Button>
        )}
      </div>
      <div className={styles.meta}>
        <ClassificationBadge classification={data.classification} />
        {data.description !== '' && <Body1>{data.description}</Body1>}
      </div>
      {createVersion.isError && <ErrorState error={createVersion.error} />}
      {versions.map((version) => (
        <VersionCard key={version.version} projectId={projectId} dataset={data} version={version} isOwner={isOwner} showManifest={version.version === newestAvailable} />
      ))}
    </section>
  );
}

function VersionCard({ projectId, dataset, version, isOwner, showManifest }: { projectId: string; dataset: Dataset; version: DatasetVersion; isOwner: boolean; showManifest: boolean }) {
  const styles = useStyles();
  const retry = useRetryVersion(projectId, dataset.id);
  // The newest available version shows its manifest, also when it becomes available while watched.
  const [opened, setOpened] = useState(false);
  const manifestOpen = showManifest || opened;
  const open = version.status === 'draft' || version.status === 'uploading';
  return (
    <Card className={styles.card} aria-label={`Version ${version.version}`}>
      <div className={styles.versionHeader}>
        <SectionHeading>Version {version.version}</SectionHeading>
        <DatasetStatusBadge status={version.status} testId={`version-${version.version}-status`} />
        <Caption1>
          {version.fileCount} {version.fileCount === 1 ? 'file' : 'files'} · {formatBytes(version.totalBytes)}
        </Caption1>
      </div>
      <VersionTimeline version={version} />
      {version.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The transfer failed</MessageBarTitle>
            {version.failureReason ?? 'No reason was recorded.'} Nothing was deleted; the transfer can be tried again.
          </MessageBarBody>
          {isOwner && (
            <MessageBarActions>
              <Button onClick={() => retry.mutate(version.version)} disabled={retry.isPending}>
                Retry
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {version.status === 'rejected' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This version was rejected</MessageBarTitle>
            {version.failureReason ?? 'No reason was recorded.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {retry.isError && <ErrorState error={retry.error} />}
      {isOwner && open && <UploadWizard projectId={projectId} datasetId={dataset.id} version={version} />}
      {version.status === 'available' &&
        (manifestOpen ? (
          <ManifestTable projectId={projectId} datasetId={dataset.id} version={version.version} />
        ) : (
          <div>
            <Button onClick={() => setOpened(true)}>Show manifest</Button>
          </div>
        ))}
    </Card>
  );
}
