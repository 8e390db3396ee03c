import { Field, Select, makeStyles } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';

const useStyles = makeStyles({ picker: { maxWidth: '420px' } });

interface PickableProject {
  readonly id: string;
  readonly name: string;
}

/** The project chosen in `?project=` (the first one if none). */
export function useChosenProject<P extends PickableProject>(projects: readonly P[]): P | undefined {
  const [searchParams] = useSearchParams();
  return projects.find((project) => project.id === searchParams.get('project')) ?? projects[0];
}

/** Picks the page's project; the choice lives in `?project=` so links and reloads keep it. */
export function ProjectPicker({ projects, selected, onChange }: { projects: readonly PickableProject[]; selected: PickableProject; onChange?: () => void }) {
  const styles = useStyles();
  const [, setSearchParams] = useSearchParams();
  return (
    <Field label="Project" className={styles.picker}>
      <Select
        value={selected.id}
        onChange={(_, data) => {
          onChange?.();
          setSearchParams({ project: data.value });
        }}
      >
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
