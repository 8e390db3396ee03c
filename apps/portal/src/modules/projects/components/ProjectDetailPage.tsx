import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { AssignAdminForm } from '../../members/components/AssignAdminForm';
import { MembersManager } from '../../members/components/MembersManager';
import { MembersTable } from '../../members/components/MembersTable';
import { useMembers } from '../../members/hooks/useMembers';
import { useProject } from '../hooks/useProject';
import { EnvironmentPanel } from '../../environment/components/EnvironmentPanel';
import { ProjectLifecycleActions } from './ProjectLifecycleActions';
import { ProjectSummary } from './ProjectSummary';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
});

function ReadOnlyMembers({ projectId }: { projectId: string }) {
  const members = useMembers(projectId);
  if (members.isPending) return <LoadingState label="Loading members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  return <MembersTable members={members.data.items} />;
}

/** `/projects/:projectId`: status and tier, lifecycle, members, and assigning project admins. */
export function ProjectDetailPage() {
  const styles = useStyles();
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const project = useProject(projectId);
  const isProjectAdmin = me.projects.some((membership) => membership.id === projectId && membership.roles.includes('project_admin'));
  const mayManage = isProjectAdmin || me.isPlatformAdmin;

  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;

  return (
    <section className={styles.root}>
      <div className={styles.header}>
        <PageHeading>{project.data.name}</PageHeading>
        {isProjectAdmin && <Button onClick={() => void navigate(`/projects/${projectId}/settings`)}>Project settings</Button>}
      </div>
      <ProjectSummary project={project.data} />
      {mayManage && <ProjectLifecycleActions project={project.data} />}
      <EnvironmentPanel projectId={projectId} provisioning={project.data.status === 'provisioning'} />
      {isProjectAdmin ? (
        <MembersManager projectId={projectId} />
      ) : (
        <>
          <SectionHeading>Members</SectionHeading>
          <ReadOnlyMembers projectId={projectId} />
        </>
      )}
      {mayManage && (
        <>
          <SectionHeading>Assign project admin</SectionHeading>
          <AssignAdminForm projectId={projectId} />
        </>
      )}
    </section>
  );
}
