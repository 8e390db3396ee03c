import {
  Button,
  Caption1,
  Field,
  Input,
  Label,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import { CreateFormDialog } from '../../../ui/forms/CreateFormDialog';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import type { Project } from '../api/Project';
import { useCreateProject } from '../hooks/useProject';
import { CREATE_FIELDS, toCreateProjectBody, validateCreateProject, type CreateProjectValues } from '../validation/projectForms';
import { ProjectFormFields } from './ProjectFormFields';

const useStyles = makeStyles({
  emailRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  emailInput: { flexGrow: 1 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  groupError: { color: tokens.colorPaletteRedForeground1 },
});

const initialValues: CreateProjectValues = { name: '', description: '', tier: '2', checkersRequired: '1', adminEmails: [''] };

/** "Create project" (platform admins): a dialog that reports the new project to `onCreated`. */
export function CreateProjectDialog({ onCreated }: { onCreated: (project: Project) => void }) {
  const styles = useStyles();
  const groupLabelId = useId();
  const createProject = useCreateProject();
  const form = useFormState({ initial: initialValues, validate: validateCreateProject, fields: CREATE_FIELDS });
  const emails = form.values.adminEmails;

  const setEmail = (index: number, value: string) => {
    form.set(
      'adminEmails',
      emails.map((email, i) => (i === index ? value : email)),
    );
  };

  return (
    <CreateFormDialog
      title="Create project"
      form={form}
      initialValues={initialValues}
      create={(values) => createProject.mutateAsync(toCreateProjectBody(values))}
      onCreated={onCreated}
    >
      <ProjectFormFields values={form.values} update={form.update} touch={form.touch} errorFor={form.errorFor} />
      <div role="group" aria-labelledby={groupLabelId} className={styles.group}>
        <Label id={groupLabelId} required>
          Project admins
        </Label>
        <Caption1>Their email addresses. People without an account yet are invited.</Caption1>
        {form.errorFor('adminEmails') !== undefined && (
          <Caption1 role="alert" className={styles.groupError}>
            {form.errorFor('adminEmails')}
          </Caption1>
        )}
        {emails.map((email, index) => (
          <div key={index} className={styles.emailRow}>
            <Field className={styles.emailInput} {...fieldValidation(form.errorFor(`adminEmails.${index}`))}>
              <Input
                type="email"
                aria-label={`Project admin email ${index + 1}`}
                value={email}
                onChange={(_, data) => setEmail(index, data.value)}
                onBlur={() => form.touch(`adminEmails.${index}`)}
              />
            </Field>
            {emails.length > 1 && (
              <Button
                appearance="subtle"
                aria-label={`Remove project admin email ${index + 1}`}
                onClick={() => form.set('adminEmails', emails.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            )}
          </div>
        ))}
      </div>
      {emails.length < 20 && (
        <div>
          <Button appearance="secondary" size="small" onClick={() => form.set('adminEmails', [...emails, ''])}>
            Add another admin
          </Button>
        </div>
      )}
    </CreateFormDialog>
  );
}
