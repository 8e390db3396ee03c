import { makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { AllProjectsTable } from './AllProjectsTable';
import { CreateProjectDialog } from './CreateProjectDialog';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
});

/** Platform admins see every project and may create one; project admins see theirs. */
export function ProjectsListPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  return (
    <section>
      <div className={styles.header}>
        <PageHeading>Projects</PageHeading>
        {me.isPlatformAdmin && <CreateProjectDialog />}
      </div>
      <AllProjectsTable />
    </section>
  );
}
