import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { useFormState } from '../../../ui/forms/useFormState';
import type { Project, UpdateProjectBody } from '../api/Project';
import { useUpdateProject } from '../hooks/useProject';
import { SETTINGS_FIELDS, validateProjectSettings, type ProjectSettingsValues } from '../validation/projectForms';
import { ProjectFormFields } from './ProjectFormFields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px', marginTop: tokens.spacingVerticalL },
});

function valuesOf(project: Project): ProjectSettingsValues {
  return { name: project.name, description: project.description, tier: String(project.tier), checkersRequired: String(project.checkersRequired) };
}

/** Only what changed is sent, so the audit trail records the real change. */
export function changedSettings(project: Project, values: ProjectSettingsValues): UpdateProjectBody {
  const body: UpdateProjectBody = {};
  if (values.name.trim() !== project.name) body.name = values.name.trim();
  if (values.description.trim() !== project.description) body.description = values.description.trim();
  if (Number(values.tier) !== project.tier) body.tier = Number(values.tier);
  if (Number(values.checkersRequired) !== project.checkersRequired) body.checkersRequired = Number(values.checkersRequired);
  return body;
}

export function ProjectSettingsForm({ project }: { project: Project }) {
  const styles = useStyles();
  const update = useUpdateProject(project.id);
  const form = useFormState({ initial: valuesOf(project), validate: validateProjectSettings, fields: SETTINGS_FIELDS });
  const [saved, setSaved] = useState(false);
  const changes = changedSettings(project, form.values);
  const unchanged = Object.keys(changes).length === 0;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (unchanged) return;
    let next: ProjectSettingsValues | null = null;
    const ok = await form.submit(async () => {
      next = valuesOf(await update.mutateAsync(changes));
    });
    // Refill from what the API stored (it trims, and may adopt a tier's default).
    if (ok && next !== null) form.reset(next);
    setSaved(ok);
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Project settings">
      {form.formError !== null && <ErrorState error={form.formError} />}
      {saved && unchanged && (
        <MessageBar intent="success">
          <MessageBarBody>Settings saved.</MessageBarBody>
        </MessageBar>
      )}
      <ProjectFormFields values={form.values} update={form.update} touch={form.touch} errorFor={form.errorFor} />
      <div>
        <Button appearance="primary" type="submit" disabled={form.submitting || unchanged}>
          {form.submitting ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  );
}
