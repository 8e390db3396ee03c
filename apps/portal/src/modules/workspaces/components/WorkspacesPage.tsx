import { makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { projectsWithRole } from '../../me/rolesHeld';
import { MyWorkspaces } from './MyWorkspaces';
import { ProjectCompute } from './ProjectCompute';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL } });

/** `/workspaces`: researchers' own workspaces; for project admins, each project's compute and its shutdown policies. */
export function WorkspacesPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const asResearcher = projectsWithRole(me, 'researcher');
  const asAdmin = projectsWithRole(me, 'project_admin');
  return (
    <section className={styles.root}>
      <PageHeading>Workspaces</PageHeading>
      {asResearcher.length > 0 && <MyWorkspaces projects={asResearcher} />}
      {asAdmin.length > 0 && <ProjectCompute projects={asAdmin} />}
    </section>
  );
}
