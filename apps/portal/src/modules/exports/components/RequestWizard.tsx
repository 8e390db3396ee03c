import { TEXT_LIMITS } from '@cloister/domain';
import {
  Body1, Button, Caption1, Card, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { AppLink } from '../../../ui/AppLink';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { ExportDetail, ExportFileRole, StagedOutput } from '../api/ExportRequest';
import { useCreateExportRequest, useExportRequest, useStagedOutputs, useUpdateExportRequest } from '../hooks/useExports';
import { emptyGroup, emptyRequest, type GroupValues, requestFormFields, type RequestValues, requestValuesOf, toRequestBody, validateRequest } from '../requestForm';
import { formatBytes } from './formatting';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '980px' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalL },
  groupHeader: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** `/outputs/:projectId/new` and `…/:requestId/edit`: a request's title, purpose and groups (context, controls, files with their roles). */
export function RequestWizard({ projectId, requestId }: { projectId: string; requestId?: string }) {
  const staged = useStagedOutputs(projectId);
  const existing = useExportRequest(projectId, requestId ?? '', requestId !== undefined);
  if (staged.isPending || (requestId !== undefined && existing.isPending)) return <LoadingState label="Loading your staged outputs…" />;
  if (staged.isError) return <ErrorState error={staged.error} onRetry={() => void staged.refetch()} />;
  if (requestId !== undefined && existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  const detail = requestId !== undefined ? (existing.data ?? null) : null;
  return <RequestForm projectId={projectId} staged={staged.data.items} detail={detail} />;
}

function RequestForm({ projectId, staged, detail }: { projectId: string; staged: readonly StagedOutput[]; detail: ExportDetail | null }) {
  const styles = useStyles();
  const navigate = useNavigate();
  const create = useCreateExportRequest(projectId);
  const update = useUpdateExportRequest(projectId, detail?.id ?? '');
  const [initial] = useState<RequestValues>(() => (detail === null ? emptyRequest() : requestValuesOf(detail, staged)));
  const [groupCount, setGroupCount] = useState(initial.groups.length);
  const form = useFormState({ initial, validate: validateRequest, fields: requestFormFields(groupCount) });
  const groups = form.values.groups;
  const setGroups = (next: GroupValues[]) => {
    setGroupCount(next.length);
    form.set('groups', next);
  };
  const setGroup = (index: number, changes: Partial<GroupValues>) => setGroups(groups.map((g, i) => (i === index ? { ...g, ...changes } : g)));
  // A file held by another open request cannot be picked; one in this request stays pickable.
  const pickable = staged.filter((s) => s.heldBy === null || s.heldBy.requestId === detail?.id);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let saved: ExportDetail | null = null;
    const ok = await form.submit(async (values) => {
      saved = detail === null ? await create.mutateAsync(toRequestBody(values)) : await update.mutateAsync(toRequestBody(values));
    });
    if (ok && saved !== null) void navigate(`/outputs/${projectId}/${(saved as ExportDetail).id}`);
  };

  return (
    <section>
      <Body1 block>
        <AppLink to={`/outputs?project=${projectId}`}>Outputs</AppLink>
      </Body1>
      <PageHeading>{detail === null ? 'New export request' : `Edit ${detail.title}`}</PageHeading>
      <form className={styles.form} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Export request">
        {form.formError !== null && <ErrorState error={form.formError} />}
        <Field label="Title" required {...fieldValidation(form.errorFor('title'))}>
          <Input value={form.values.title} maxLength={TEXT_LIMITS.exportRequest.title} onChange={(_, d) => form.set('title', d.value)} onBlur={() => form.touch('title')} />
        </Field>
        <Field label="Purpose" required hint="What the outputs are for and who will see them." {...fieldValidation(form.errorFor('purpose'))}>
          <Textarea value={form.values.purpose} resize="vertical" onChange={(_, d) => form.set('purpose', d.value)} onBlur={() => form.touch('purpose')} />
        </Field>
        <SectionHeading>File groups</SectionHeading>
        <Caption1 block>
          Group files that belong together (one analysis, one table set). Outputs are released when approved; supporting files are reviewed but never
          released.
        </Caption1>
        {form.errorFor('groups') !== undefined && (
          <Body1 block className={styles.error} role="alert">
            {form.errorFor('groups')}
          </Body1>
        )}
        {groups.map((group, index) => (
          <GroupCard
            key={index}
            index={index}
            group={group}
            staged={pickable}
            takenElsewhere={new Set(groups.flatMap((g, i) => (i === index ? [] : Object.keys(g.files))))}
            errorFor={(key) => form.errorFor(`groups.${index}.${key}`)}
            onChange={(changes) => setGroup(index, changes)}
            onRemove={groups.length > 1 ? () => setGroups(groups.filter((_, i) => i !== index)) : undefined}
          />
        ))}
        <div className={styles.actions}>
          <Button onClick={() => setGroups([...groups, emptyGroup(groups.length)])}>Add group</Button>
        </div>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={form.submitting}>
            {form.submitting ? 'Saving…' : detail === null ? 'Create request' : 'Save changes'}
          </Button>
          <Button onClick={() => void navigate(detail === null ? `/outputs?project=${projectId}` : `/outputs/${projectId}/${detail.id}`)}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

interface GroupCardProps {
  index: number;
  group: GroupValues;
  staged: readonly StagedOutput[];
  takenElsewhere: ReadonlySet<string>;
  errorFor: (key: string) => string | undefined;
  onChange: (changes: Partial<GroupValues>) => void;
  onRemove: (() => void) | undefined;
}

function GroupCard({ index, group, staged, takenElsewhere, errorFor, onChange, onRemove }: GroupCardProps) {
  const styles = useStyles();
  const label = `group ${index + 1}`;
  const setRole = (id: string, role: string) => {
    const files = { ...group.files };
    if (role === 'output' || role === 'supporting') files[id] = role as ExportFileRole;
    else delete files[id];
    onChange({ files });
  };
  return (
    <Card className={styles.group} aria-label={`Group ${index + 1}`}>
      <div className={styles.groupHeader}>
        <SectionHeading>Group {index + 1}</SectionHeading>
        {onRemove && <Button onClick={onRemove}>Remove group</Button>}
      </div>
      <Field label="Group name" required {...fieldValidation(errorFor('name'))}>
        <Input value={group.name} maxLength={TEXT_LIMITS.exportRequest.groupName} onChange={(_, d) => onChange({ name: d.value })} />
      </Field>
      <Field label="Context" required hint="How the outputs were produced: the data, the population, the method." {...fieldValidation(errorFor('context'))}>
        <Textarea value={group.context} resize="vertical" onChange={(_, d) => onChange({ context: d.value })} />
      </Field>
      <Field label="Disclosure controls applied" hint="For example: counts under 10 suppressed, rounded to 5, no rows for individuals." {...fieldValidation(errorFor('controls'))}>
        <Textarea value={group.controls} resize="vertical" onChange={(_, d) => onChange({ controls: d.value })} />
      </Field>
      <Field label="Files" {...fieldValidation(errorFor('files'))}>
        {staged.length === 0 ? (
          <Body1>No staged outputs are free to add. Stage files from your workspace first.</Body1>
        ) : (
          <Table aria-label={`Files of ${label}`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>File</TableHeaderCell>
                <TableHeaderCell>Size</TableHeaderCell>
                <TableHeaderCell>SHA-256</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {staged.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>{s.path}</TableCell>
                  <TableCell>{formatBytes(s.size)}</TableCell>
                  <TableCell>
                    <span className={styles.hash}>{s.sha256.slice(0, 16)}…</span>
                  </TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Role of ${s.path} in ${label}`}
                      value={group.files[s.id] ?? ''}
                      disabled={takenElsewhere.has(s.id)}
                      onChange={(_, d) => setRole(s.id, d.value)}
                    >
                      <option value="">{takenElsewhere.has(s.id) ? 'In another group' : 'Not included'}</option>
                      <option value="output">Output (to release)</option>
                      <option value="supporting">Supporting (reviewed only)</option>
                    </Select>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Field>
    </Card>
  );
}
