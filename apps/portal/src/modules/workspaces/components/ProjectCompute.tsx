import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import { BudgetPanel } from '../../budget/components/BudgetPanel';
import type { ProjectMembership } from '../../me/api/Me';
import { useProjectWorkspaces } from '../hooks/useWorkspaces';
import { IdlePolicyForm } from './IdlePolicyForm';
import { NewWorkspaceForm } from './NewWorkspaceForm';
import { ScheduleEditor } from './ScheduleEditor';
import { WorkspaceTable } from './WorkspaceTable';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

function ProjectWorkspaces({ projectId }: { projectId: string }) {
  const list = useProjectWorkspaces(projectId);
  if (list.isPending) return <LoadingState label="Loading workspaces…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return <WorkspaceTable items={list.data} showOwner />;
}

/** Project admins: every workspace of a project with start/stop, its schedule, idle policy and budget. */
export function ProjectCompute({ projects }: { projects: readonly ProjectMembership[] }) {
  const styles = useStyles();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '');
  return (
    <section className={styles.root} aria-label="Project compute">
      <SectionHeading>Project compute</SectionHeading>
      <Field label="Project">
        <Select value={projectId} onChange={(_, d) => setProjectId(d.value)}>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </Select>
      </Field>
      {projectId && (
        <>
          <ProjectWorkspaces projectId={projectId} />
          <NewWorkspaceForm key={`new-${projectId}`} projectId={projectId} canShare />
          <ScheduleEditor projectId={projectId} />
          <IdlePolicyForm projectId={projectId} />
          <BudgetPanel projectId={projectId} />
        </>
      )}
    </section>
  );
}
