import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { Route, Routes, useParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { adminProjects } from '../exportAccess';
import { useExportRequests } from '../hooks/useExports';
import { ProjectPicker, useChosenProject } from '../../../ui/ProjectPicker';
import { RequestPage } from './RequestPage';
import { RequestsTable } from './RequestsTable';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** `/exports/*` (project admins): every export request of the project with its status; one request with its history and revocation. */
export function ProjectExportsPage() {
  return (
    <Routes>
      <Route index element={<AllRequests />} />
      <Route path=":projectId/:requestId" element={<AdminRequest />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function AdminRequest() {
  const { projectId = '', requestId = '' } = useParams();
  const me = useCurrentUser();
  if (!adminProjects(me).some((p) => p.id === projectId)) return <NotFoundPage />;
  return <RequestPage projectId={projectId} requestId={requestId} sectionPath="/exports" />;
}

function AllRequests() {
  const styles = useStyles();
  const me = useCurrentUser();
  const projects = adminProjects(me);
  const selected = useChosenProject(projects);
  return (
    <section className={styles.root}>
      <PageHeading>Export requests</PageHeading>
      {selected === undefined ? (
        <Body1 block>You are not a project admin of any project.</Body1>
      ) : (
        <>
          <ProjectPicker projects={projects} selected={selected} />
          <ProjectRequests projectId={selected.id} />
        </>
      )}
    </section>
  );
}

function ProjectRequests({ projectId }: { projectId: string }) {
  const requests = useExportRequests(projectId);
  if (requests.isPending) return <LoadingState label="Loading export requests…" />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
  return <RequestsTable items={requests.data.items} linkBase="/exports" label="Export requests" empty="No export requests in this project." />;
}
