import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import { AUDIT_FILTER_FIELDS, validateAuditFilters, type AuditFilterValues } from '../auditFilters';

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  // Grid items default to min-width: auto, so a long project name would push its column wider.
  field: { minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalXXL },
});

interface AuditFiltersFormProps {
  initial: AuditFilterValues;
  projects: ReadonlyArray<{ id: string; name: string }>;
  /** Project admins must pick one of their projects; platform admins may leave it at "All projects". */
  projectRequired: boolean;
  onApply: (values: AuditFilterValues) => void;
}

export function AuditFiltersForm({ initial, projects, projectRequired, onApply }: AuditFiltersFormProps) {
  const styles = useStyles();
  const form = useFormState({ initial, validate: (values: AuditFilterValues) => validateAuditFilters(values, { projectRequired }), fields: AUDIT_FILTER_FIELDS });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(async (values) => onApply(values));
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Audit filters">
      <Field className={styles.field} label="Project" required={projectRequired} {...fieldValidation(form.errorFor('projectId'))}>
        <Select value={form.values.projectId} onChange={(_, data) => form.set('projectId', data.value)}>
          {projectRequired ? <option value="">Choose a project…</option> : <option value="">All projects</option>}
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.field} label="Action" hint="Exact, e.g. project.created" {...fieldValidation(form.errorFor('action'))}>
        <Input value={form.values.action} onChange={(_, data) => form.set('action', data.value)} onBlur={() => form.touch('action')} />
      </Field>
      <Field className={styles.field} label="Actor id" hint="The actor's user id (UUID)" {...fieldValidation(form.errorFor('actorId'))}>
        <Input value={form.values.actorId} onChange={(_, data) => form.set('actorId', data.value)} onBlur={() => form.touch('actorId')} />
      </Field>
      <Field className={styles.field} label="From" hint="Your local time" {...fieldValidation(form.errorFor('from'))}>
        <Input type="datetime-local" value={form.values.from} onChange={(_, data) => form.set('from', data.value)} onBlur={() => form.touch('from')} />
      </Field>
      <Field className={styles.field} label="To" hint="Your local time" {...fieldValidation(form.errorFor('to'))}>
        <Input type="datetime-local" value={form.values.to} onChange={(_, data) => form.set('to', data.value)} onBlur={() => form.touch('to')} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          Apply filters
        </Button>
      </div>
    </form>
  );
}
