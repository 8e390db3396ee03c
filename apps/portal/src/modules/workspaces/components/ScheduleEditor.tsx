import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../../api/ApiError';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { ScheduleInput, ScheduledRun } from '../api/computePolicyRequests';
import { useSaveSchedule, useSchedule, useSchedulePreview } from '../hooks/useComputePolicy';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '720px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'end' },
});

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function formatRun(run: ScheduledRun, timeZone: string): string {
  try {
    const at = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(run.at));
    return `${run.action === 'stop' ? 'Stop' : 'Start'} — ${at}`;
  } catch {
    return `${run.action} — ${run.at}`;
  }
}

/** Debounces what the admin types so the preview asks the API once they pause. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function ScheduleForm({ projectId, initial }: { projectId: string; initial: ScheduleInput }) {
  const styles = useStyles();
  const [form, setForm] = useState(initial);
  const save = useSaveSchedule(projectId);
  const debounced = useDebounced(form, 400);
  const preview = useSchedulePreview(projectId, debounced.stopCron.trim() && debounced.timeZone.trim() ? debounced : null);
  const previewError = preview.error instanceof ApiError ? preview.error : null;
  const errorFor = (field: string) => {
    const e = save.error instanceof ApiError ? save.error : previewError;
    return e?.message.startsWith(`${field}:`) ? e.message : undefined;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  return (
    <form className={styles.root} onSubmit={submit} aria-label="Stop schedule">
      <div className={styles.row}>
        <Field label="Stop at (cron)" hint="minute hour day month weekday, e.g. 0 19 * * 1-5" validationMessage={errorFor('stopCron')}>
          <Input value={form.stopCron} onChange={(_, d) => setForm({ ...form, stopCron: d.value })} />
        </Field>
        <Field label="Start at (cron, optional)" hint="e.g. 0 8 * * 1-5; starts only what the schedule stopped" validationMessage={errorFor('startCron')}>
          <Input value={form.startCron ?? ''} onChange={(_, d) => setForm({ ...form, startCron: d.value || null })} />
        </Field>
        <Field label="Time zone" hint="IANA, e.g. Europe/London" validationMessage={errorFor('timeZone')}>
          <Input value={form.timeZone} onChange={(_, d) => setForm({ ...form, timeZone: d.value })} />
        </Field>
      </div>
      <Checkbox label="Schedule enabled" checked={form.enabled ?? true} onChange={(_, d) => setForm({ ...form, enabled: Boolean(d.checked) })} />
      <section aria-label="Next runs">
        <Text weight="semibold">Next runs</Text>
        {preview.data && (
          <ol data-testid="next-runs">
            {preview.data.map((r) => <li key={`${r.action}-${r.at}`}>{formatRun(r, form.timeZone)}</li>)}
          </ol>
        )}
        {preview.isFetching && !preview.data && <Text> computing…</Text>}
      </section>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={save.isPending}>Save schedule</Button>
      </div>
      {save.isSuccess && <MessageBar intent="success" role="status"><MessageBarBody>Schedule saved.</MessageBarBody></MessageBar>}
      {save.isError && !errorFor('stopCron') && !errorFor('startCron') && !errorFor('timeZone') && <ErrorState error={save.error} />}
    </form>
  );
}

/** The project's stop (and optional start) schedule, with the next five runs of what is being typed. */
export function ScheduleEditor({ projectId }: { projectId: string }) {
  const schedule = useSchedule(projectId);
  if (schedule.isPending) return <LoadingState label="Loading schedule…" />;
  if (schedule.isError) return <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />;
  const s = schedule.data.schedule;
  return (
    <>
      <SectionHeading>Schedule</SectionHeading>
      <ScheduleForm
        key={projectId}
        projectId={projectId}
        initial={s ? { stopCron: s.stopCron, startCron: s.startCron, timeZone: s.timeZone, enabled: s.enabled } : { stopCron: '0 19 * * 1-5', startCron: null, timeZone: browserZone(), enabled: true }}
      />
    </>
  );
}
