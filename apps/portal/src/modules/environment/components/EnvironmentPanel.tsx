import { Badge, makeStyles, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { formatClock } from '../../../ui/formatTime';
import { LoadingState } from '../../../ui/LoadingState';
import { SectionHeading } from '../../../ui/SectionHeading';
import { useEnvironment } from '../hooks/useEnvironment';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meta: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

const STEP_APPEARANCE = { pending: 'informative', running: 'warning', succeeded: 'success', failed: 'danger' } as const;
const time = (iso: string | null) => (iso ? formatClock(iso) : '—');

/** Provisioning timeline and resources of a project's environment; local mode labels everything simulated. */
export function EnvironmentPanel({ projectId, provisioning }: { projectId: string; provisioning: boolean }) {
  const styles = useStyles();
  const env = useEnvironment(projectId, provisioning);
  if (env.isPending) return <LoadingState label="Loading environment…" />;
  if (env.isError) return <ErrorState error={env.error} onRetry={() => void env.refetch()} />;
  return (
    <section className={styles.root} aria-label="Environment">
      <SectionHeading>Environment</SectionHeading>
      {env.data === null ? (
        <Text>Not provisioned yet.</Text>
      ) : (
        <>
          <div className={styles.meta}>
            <Text>Driver: {env.data.driver}</Text>
            {env.data.simulated && <Badge appearance="outline" color="informative">simulated</Badge>}
            <Text>{env.data.resources.length} resources</Text>
            {provisioning && <Spinner size="tiny" label="Provisioning…" />}
          </div>
          {env.data.lastError && (
            <MessageBar intent="error"><MessageBarBody>{env.data.lastError}</MessageBarBody></MessageBar>
          )}
          <Table size="small" aria-label="Provisioning steps">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Step</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Started</TableHeaderCell>
                <TableHeaderCell>Finished</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {env.data.steps.map((step) => (
                <TableRow key={step.name}>
                  <TableCell>{step.name}</TableCell>
                  <TableCell><Badge appearance="tint" color={STEP_APPEARANCE[step.status]}>{step.status}</Badge></TableCell>
                  <TableCell>{time(step.startedAt)}</TableCell>
                  <TableCell>{time(step.finishedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
