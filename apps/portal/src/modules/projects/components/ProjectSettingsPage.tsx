import { Body1 } from '@fluentui/react-components';
import { useParams } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { useProject } from '../hooks/useProject';
import { ProjectSettingsForm } from './ProjectSettingsForm';

/** `/projects/:projectId/settings`: project admins only (the API refuses anyone else). */
export function ProjectSettingsPage() {
  const { projectId = '' } = useParams();
  const me = useCurrentUser();
  const project = useProject(projectId);
  const isProjectAdmin = me.projects.some((membership) => membership.id === projectId && membership.roles.includes('project_admin'));

  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  return (
    <section>
      <PageHeading>Project settings</PageHeading>
      <Body1 block>
        <AppLink to={`/projects/${projectId}`}>Back to {project.data.name}</AppLink>
      </Body1>
      {isProjectAdmin ? (
        <ProjectSettingsForm key={project.data.id} project={project.data} />
      ) : (
        <Body1 block>Only the project’s admins can change its settings.</Body1>
      )}
    </section>
  );
}
