import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { formatClock } from '../../../ui/formatTime';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { Spend } from '../api/budgetRequests';
import { useSaveBudget, useSpend } from '../hooks/useBudget';
import { SpendChart } from './SpendChart';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  figures: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' },
});

function BudgetForm({ projectId, budget }: { projectId: string; budget: Spend['budget'] }) {
  const styles = useStyles();
  const save = useSaveBudget(projectId);
  const [amount, setAmount] = useState(budget ? String(budget.monthlyAmount) : '');
  const [stopAtLimit, setStopAtLimit] = useState(budget?.stopAtLimit ?? false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ monthlyAmount: Number(amount), currency: budget?.currency ?? 'USD', stopAtLimit });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Budget">
      <Field label={`Monthly budget (${budget?.currency ?? 'USD'})`} validationMessage={save.error?.message.startsWith('monthlyAmount') ? save.error.message : undefined}>
        <Input type="number" min={1} value={amount} onChange={(_, d) => setAmount(d.value)} />
      </Field>
      <Checkbox label="Stop all compute at 100 %" checked={stopAtLimit} onChange={(_, d) => setStopAtLimit(Boolean(d.checked))} />
      <Button type="submit" disabled={save.isPending || !amount}>Save budget</Button>
      {save.isSuccess && <MessageBar intent="success" role="status"><MessageBarBody>Budget saved. Members are told at 80 % and 100 %.</MessageBarBody></MessageBar>}
      {save.isError && !save.error.message.startsWith('monthlyAmount') && <ErrorState error={save.error} />}
    </form>
  );
}

/** The monthly budget, this month's spend with its forecast, and what automatic stops saved. */
export function BudgetPanel({ projectId }: { projectId: string }) {
  const styles = useStyles();
  const spend = useSpend(projectId);
  if (spend.isPending) return <LoadingState label="Loading budget…" />;
  if (spend.isError) return <ErrorState error={spend.error} onRetry={() => void spend.refetch()} />;
  const { budget, spend: s, month } = spend.data;
  return (
    <section aria-label="Budget and spend">
      <SectionHeading>Budget</SectionHeading>
      <BudgetForm key={projectId} projectId={projectId} budget={budget} />
      {s ? (
        <>
          <div className={styles.figures}>
            <Text>Month to date: <strong>{s.spent.toFixed(2)} {s.currency}</strong></Text>
            <Text>Forecast: {s.forecast.toFixed(2)} {s.currency}</Text>
            <Text>Saved by automatic stops: <strong>{s.savings.toFixed(2)} {s.currency}</strong></Text>
            <Text size={200}>{s.source === 'rate-card' ? 'resource-hours × rate card (local mode)' : 'Azure Cost Management'}, priced {formatClock(s.computedAt)}</Text>
          </div>
          {s.exhaustedAt && <MessageBar intent="error"><MessageBarBody>This month's budget is spent.{budget?.stopAtLimit ? ' Compute is stopped and cannot be started until next month.' : ''}</MessageBarBody></MessageBar>}
          <SpendChart daily={s.daily} month={month} forecast={s.forecast} budget={budget?.monthlyAmount ?? null} currency={s.currency} />
        </>
      ) : (
        <Text>{budget ? 'Spend appears after the next budget sweep (every few minutes).' : 'Set a budget to track this month’s spend.'}</Text>
      )}
    </section>
  );
}
