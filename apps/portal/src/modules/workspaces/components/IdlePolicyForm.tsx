import { Button, Checkbox, Field, makeStyles, MessageBar, MessageBarBody, SpinButton, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { IdlePolicyInput } from '../api/computePolicyRequests';
import { useIdlePolicy, useSaveIdlePolicy } from '../hooks/useComputePolicy';

const useStyles = makeStyles({ form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' } });

function Form({ projectId, initial }: { projectId: string; initial: IdlePolicyInput }) {
  const styles = useStyles();
  const [form, setForm] = useState(initial);
  const save = useSaveIdlePolicy(projectId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Idle policy">
      <Checkbox label="Stop idle VMs" checked={form.enabled ?? true} onChange={(_, d) => setForm({ ...form, enabled: Boolean(d.checked) })} />
      <Field label="Average CPU below (%)">
        <SpinButton value={form.cpuThresholdPercent} min={1} max={100} onChange={(_, d) => setForm({ ...form, cpuThresholdPercent: Number(d.value ?? d.displayValue ?? form.cpuThresholdPercent) })} />
      </Field>
      <Field label="For (minutes)">
        <SpinButton value={form.idleMinutes} min={15} max={1440} step={15} onChange={(_, d) => setForm({ ...form, idleMinutes: Number(d.value ?? d.displayValue ?? form.idleMinutes) })} />
      </Field>
      <Button type="submit" disabled={save.isPending}>Save idle policy</Button>
      {save.isSuccess && <MessageBar intent="success" role="status"><MessageBarBody>Idle policy saved.</MessageBarBody></MessageBar>}
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}

/** Stop a VM whose average CPU stayed below X % for H minutes. */
export function IdlePolicyForm({ projectId }: { projectId: string }) {
  const policy = useIdlePolicy(projectId);
  if (policy.isPending) return <LoadingState label="Loading idle policy…" />;
  if (policy.isError) return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data.idlePolicy;
  return (
    <>
      <SectionHeading>Idle policy</SectionHeading>
      <Form key={projectId} projectId={projectId} initial={p ? { enabled: p.enabled, cpuThresholdPercent: p.cpuThresholdPercent, idleMinutes: p.idleMinutes } : { enabled: true, cpuThresholdPercent: 5, idleMinutes: 60 }} />
    </>
  );
}
