import { Body1, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { PageHeading } from '../../../ui/PageHeading';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import { projectsWithRole } from '../../me/rolesHeld';
import { MembersManager } from './MembersManager';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  picker: { maxWidth: '420px' },
});

/** `/members`: the project admin picks one of their projects (kept in `?project=`) and manages its members. */
export function MembersPage() {
  const styles = useStyles();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const administered = projectsWithRole(me, 'project_admin');
  const requested = searchParams.get('project');
  const selected = administered.find((project) => project.id === requested) ?? administered[0];

  return (
    <section className={styles.root}>
      <PageHeading>Members</PageHeading>
      {selected === undefined ? (
        <Body1 block>You do not administer any project.</Body1>
      ) : (
        <>
          <Field label="Project" className={styles.picker}>
            <Select value={selected.id} onChange={(_, data) => setSearchParams({ project: data.value })}>
              {administered.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </Select>
          </Field>
          <Body1 block>
            <AppLink to={`/projects/${selected.id}`}>Open {selected.name}</AppLink>
          </Body1>
          <MembersManager key={selected.id} projectId={selected.id} />
        </>
      )}
    </section>
  );
}
