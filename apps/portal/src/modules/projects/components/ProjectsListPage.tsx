import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { AppLink } from '../../../ui/AppLink';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import type { Project } from '../api/Project';
import { AllProjectsTable } from './AllProjectsTable';
import { CreateProjectDialog } from './CreateProjectDialog';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  notice: { marginBottom: tokens.spacingVerticalM },
});

/** Platform admins see every project and may create one; project admins see theirs. */
export function ProjectsListPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const [created, setCreated] = useState<Project | null>(null);
  return (
    <section>
      <div className={styles.header}>
        <PageHeading>Projects</PageHeading>
        {me.isPlatformAdmin && <CreateProjectDialog onCreated={setCreated} />}
      </div>
      {created !== null && (
        <MessageBar intent="success" className={styles.notice}>
          <MessageBarBody>
            Project {created.name} was created. <AppLink to={`/projects/${created.id}`}>Open {created.name}</AppLink>
          </MessageBarBody>
        </MessageBar>
      )}
      <AllProjectsTable />
    </section>
  );
}
