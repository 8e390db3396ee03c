import { PROJECT_ROLES } from '@cloister/domain';
import { Button, Caption1, Checkbox, Field, Input, Label, makeStyles, tokens } from '@fluentui/react-components';
import { useId, type FormEvent } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import { roleLabel } from '../../me/roleLabel';
import { useAddMember } from '../hooks/useMembers';
import { INVITE_FIELDS, validateInvite, withRole, type InviteValues } from '../memberForms';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '560px' },
  roles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  groupError: { color: tokens.colorPaletteRedForeground1 },
});

const initialValues: InviteValues = { email: '', roles: ['researcher'] };

/** Adds a member by email; someone without an account is invited and shows as "Invited". */
export function InviteMemberForm({ projectId }: { projectId: string }) {
  const styles = useStyles();
  const rolesLabelId = useId();
  const addMember = useAddMember(projectId);
  const form = useFormState({ initial: initialValues, validate: validateInvite, fields: INVITE_FIELDS });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.submit((values) => addMember.mutateAsync({ email: values.email.trim(), roles: values.roles }));
    if (ok) form.reset(initialValues);
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Invite a member">
      {form.formError !== null && <ErrorState error={form.formError} />}
      <Field label="Email" required {...fieldValidation(form.errorFor('email'))}>
        <Input type="email" value={form.values.email} onChange={(_, data) => form.set('email', data.value)} onBlur={() => form.touch('email')} />
      </Field>
      {/* Not a Fluent Field: a Field hands its one control id to every checkbox inside it. */}
      <div role="group" aria-labelledby={rolesLabelId} className={styles.group}>
        <Label id={rolesLabelId} required>
          Roles
        </Label>
        <div className={styles.roles}>
          {PROJECT_ROLES.map((role) => (
            <Checkbox
              key={role}
              label={roleLabel(role)}
              checked={form.values.roles.includes(role)}
              onChange={(_, data) => form.set('roles', withRole(form.values.roles, role, data.checked === true))}
            />
          ))}
        </div>
        {form.errorFor('roles') !== undefined && (
          <Caption1 role="alert" className={styles.groupError}>
            {form.errorFor('roles')}
          </Caption1>
        )}
      </div>
      <div>
        <Button appearance="primary" type="submit" disabled={form.submitting}>
          {form.submitting ? 'Inviting…' : 'Invite member'}
        </Button>
      </div>
    </form>
  );
}
