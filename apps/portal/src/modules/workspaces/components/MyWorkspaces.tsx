import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { ProjectMembership } from '../../me/api/Me';
import { useMyWorkspaces } from '../hooks/useWorkspaces';
import { NewWorkspaceForm } from './NewWorkspaceForm';
import { WorkspaceTable } from './WorkspaceTable';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** A researcher's workspaces across projects, with connect/start/stop, and a form for a new one. */
export function MyWorkspaces({ projects }: { projects: readonly ProjectMembership[] }) {
  const styles = useStyles();
  const mine = useMyWorkspaces();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '');
  return (
    <section className={styles.root} aria-label="My workspaces">
      <SectionHeading>My workspaces</SectionHeading>
      {mine.isPending ? <LoadingState label="Loading workspaces…" /> : mine.isError ? <ErrorState error={mine.error} onRetry={() => void mine.refetch()} /> : <WorkspaceTable items={mine.data} showProject />}
      {projects.length > 1 && (
        <Field label="Project for a new workspace">
          <Select value={projectId} onChange={(_, d) => setProjectId(d.value)}>
            {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Select>
        </Field>
      )}
      {projectId && <NewWorkspaceForm key={projectId} projectId={projectId} canShare={false} />}
    </section>
  );
}
