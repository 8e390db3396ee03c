import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import { compactErrors, emailProblem } from '../../../ui/forms/validators';
import { useAssignProjectAdmin } from '../hooks/useMembers';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '560px' },
});

const validate = (values: { email: string }) => compactErrors({ email: emailProblem(values.email) });

/** POST /projects/{id}/admins: makes someone (an existing member, a user, or a new invitee) a project admin. */
export function AssignAdminForm({ projectId }: { projectId: string }) {
  const styles = useStyles();
  const assign = useAssignProjectAdmin(projectId);
  const form = useFormState({ initial: { email: '' }, validate, fields: ['email'] });
  const [assigned, setAssigned] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAssigned(null);
    const email = form.values.email.trim();
    const ok = await form.submit(() => assign.mutateAsync(email));
    if (ok) {
      setAssigned(email);
      form.reset({ email: '' });
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Assign project admin">
      {form.formError !== null && <ErrorState error={form.formError} />}
      {assigned !== null && (
        <MessageBar intent="success">
          <MessageBarBody>{assigned} is now a project admin.</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Project admin email" required {...fieldValidation(form.errorFor('email'))}>
        <Input type="email" value={form.values.email} onChange={(_, data) => form.set('email', data.value)} onBlur={() => form.touch('email')} />
      </Field>
      <div>
        <Button type="submit" disabled={form.submitting}>
          {form.submitting ? 'Assigning…' : 'Assign project admin'}
        </Button>
      </div>
    </form>
  );
}
