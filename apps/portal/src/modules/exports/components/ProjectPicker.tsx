import { Field, Select, makeStyles } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import type { ProjectMembership } from '../../me/api/Me';

const useStyles = makeStyles({ picker: { maxWidth: '420px' } });

/** The project chosen in `?project=` (the first one if none), and a picker that changes it. */
export function useChosenProject(projects: readonly ProjectMembership[]): ProjectMembership | undefined {
  const [searchParams] = useSearchParams();
  return projects.find((project) => project.id === searchParams.get('project')) ?? projects[0];
}

export function ProjectPicker({ projects, selected }: { projects: readonly ProjectMembership[]; selected: ProjectMembership }) {
  const styles = useStyles();
  const [, setSearchParams] = useSearchParams();
  return (
    <Field label="Project" className={styles.picker}>
      <Select value={selected.id} onChange={(_, data) => setSearchParams({ project: data.value })}>
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
