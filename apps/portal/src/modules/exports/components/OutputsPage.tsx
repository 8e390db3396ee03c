import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { researcherProjects } from '../exportAccess';
import { useExportRequests } from '../hooks/useExports';
import { ProjectPicker, useChosenProject } from '../../../ui/ProjectPicker';
import { RequestPage } from './RequestPage';
import { RequestsTable } from './RequestsTable';
import { RequestWizard } from './RequestWizard';
import { StagedOutputsTable } from './StagedOutputsTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
});

/** `/outputs/*` (researchers): staged outputs and export requests per project, the new-request wizard, one request. */
export function OutputsPage() {
  return (
    <Routes>
      <Route index element={<OutputsHome />} />
      <Route path=":projectId/new" element={<ResearcherProject render={(projectId) => <RequestWizard projectId={projectId} />} />} />
      <Route path=":projectId/:requestId/edit" element={<ResearcherProject render={(projectId, requestId) => <RequestWizard projectId={projectId} requestId={requestId} />} />} />
      <Route path=":projectId/:requestId" element={<ResearcherProject render={(projectId, requestId) => <RequestPage projectId={projectId} requestId={requestId ?? ''} sectionPath="/outputs" />} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ResearcherProject({ render }: { render: (projectId: string, requestId: string | undefined) => ReactElement }) {
  const { projectId = '', requestId } = useParams();
  const me = useCurrentUser();
  if (!researcherProjects(me).some((p) => p.id === projectId)) return <NotFoundPage />;
  return render(projectId, requestId);
}

function OutputsHome() {
  const styles = useStyles();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const projects = researcherProjects(me);
  const selected = useChosenProject(projects);
  return (
    <section className={styles.root}>
      <div className={styles.header}>
        <PageHeading>Outputs</PageHeading>
        {selected !== undefined && (
          <Button appearance="primary" onClick={() => void navigate(`/outputs/${selected.id}/new`)}>
            New export request
          </Button>
        )}
      </div>
      {selected === undefined ? (
        <Body1 block>You are not a researcher in any project.</Body1>
      ) : (
        <>
          <ProjectPicker projects={projects} selected={selected} />
          <SectionHeading>Staged outputs</SectionHeading>
          <StagedOutputsTable projectId={selected.id} email={me.email} />
          <SectionHeading>My export requests</SectionHeading>
          <MyRequests projectId={selected.id} userId={me.id} />
        </>
      )}
    </section>
  );
}

function MyRequests({ projectId, userId }: { projectId: string; userId: string }) {
  const requests = useExportRequests(projectId);
  if (requests.isPending) return <LoadingState label="Loading export requests…" />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
  const mine = requests.data.items.filter((r) => r.requesterId === userId);
  return <RequestsTable items={mine} linkBase="/outputs" label="My export requests" empty="No export requests yet." />;
}
