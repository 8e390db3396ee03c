import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../../../ui/AppLink';
import { PageHeading } from '../../../ui/PageHeading';
import { ProjectPicker, useChosenProject } from '../../../ui/ProjectPicker';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { projectsWithRole } from '../../me/rolesHeld';
import { MembersManager } from './MembersManager';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** `/members`: the project admin picks one of their projects (kept in `?project=`) and manages its members. */
export function MembersPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const administered = projectsWithRole(me, 'project_admin');
  const selected = useChosenProject(administered);

  return (
    <section className={styles.root}>
      <PageHeading>Members</PageHeading>
      {selected === undefined ? (
        <Body1 block>You do not administer any project.</Body1>
      ) : (
        <>
          <ProjectPicker projects={administered} selected={selected} />
          <Body1 block>
            <AppLink to={`/projects/${selected.id}`}>Open {selected.name}</AppLink>
          </Body1>
          <MembersManager key={selected.id} projectId={selected.id} />
        </>
      )}
    </section>
  );
}
