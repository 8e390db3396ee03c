import { Button, Checkbox, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/ApiError';
import { ErrorState } from '../../../ui/ErrorState';
import type { NewWorkspace } from '../api/workspaceRequests';
import { useCreateWorkspace, useWorkspaceSizes } from '../hooks/useWorkspaces';

const useStyles = makeStyles({ form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' } });

/** Creates a workspace in one project: personal for researchers, optionally shared for project admins. */
export function NewWorkspaceForm({ projectId, canShare }: { projectId: string; canShare: boolean }) {
  const styles = useStyles();
  const sizes = useWorkspaceSizes(projectId);
  const create = useCreateWorkspace(projectId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'vm' | 'ml_compute'>('vm');
  const [size, setSize] = useState('');
  const [shared, setShared] = useState(canShare);
  const offered = (sizes.data?.items ?? []).filter((s) => s.kind === kind);
  const chosen = offered.some((s) => s.size === size) ? size : (offered[0]?.size ?? '');
  const fieldError = (field: string) => (create.error instanceof ApiError && create.error.message.startsWith(`${field}:`) ? create.error.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The select only offers sizes the API listed for this kind.
    create.mutate({ name, kind, size: chosen as NewWorkspace['size'], shared }, { onSuccess: () => setName('') });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="New workspace">
      <Field label="Workspace name" required validationMessage={fieldError('name')}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label="Kind">
        <Select value={kind} onChange={(_, d) => setKind(d.value as 'vm' | 'ml_compute')}>
          <option value="vm">Data science VM</option>
          <option value="ml_compute">ML compute instance</option>
        </Select>
      </Field>
      <Field label="Size" validationMessage={fieldError('size')}>
        <Select value={chosen} onChange={(_, d) => setSize(d.value)}>
          {offered.map((s) => <option key={s.size} value={s.size}>{s.label} ({s.hourlyRate.toFixed(3)} {sizes.data?.currency}/h)</option>)}
        </Select>
      </Field>
      {canShare && <Checkbox label="Shared by the project's researchers" checked={shared} onChange={(_, d) => setShared(Boolean(d.checked))} />}
      <Button appearance="primary" type="submit" disabled={create.isPending || !name.trim()}>Create workspace</Button>
      {create.isError && !fieldError('name') && !fieldError('size') && <ErrorState error={create.error} />}
    </form>
  );
}
