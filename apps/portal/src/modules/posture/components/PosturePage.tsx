import { Badge, Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadingState } from '../../../ui/LoadingState';
import { PageHeading } from '../../../ui/PageHeading';
import { SectionHeading } from '../../../ui/SectionHeading';
import { usePosture } from '../hooks/usePosture';
import { PolicyComplianceSummary } from './PolicyComplianceSummary';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** `/posture` (platform admins): each project's template security invariants and policy compliance (simulated locally). */
export function PosturePage() {
  const styles = useStyles();
  const posture = usePosture();
  if (posture.isPending) return <LoadingState label="Loading posture…" />;
  if (posture.isError && !posture.data) return <ErrorState error={posture.error} onRetry={() => void posture.refetch()} />;
  const [first] = posture.data.pages;
  const items = posture.data.pages.flatMap((page) => page.items);
  const checks = items.find((p) => p.invariants.length)?.invariants ?? [];
  return (
    <section className={styles.root}>
      <PageHeading>Security posture</PageHeading>
      <SectionHeading>Platform policy compliance</SectionHeading>
      <PolicyComplianceSummary compliance={first!.platform.policyCompliance} />
      <SectionHeading>Projects</SectionHeading>
      <Table aria-label="Projects' posture" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Project</TableHeaderCell>
            <TableHeaderCell>Environment</TableHeaderCell>
            <TableHeaderCell>Template invariants</TableHeaderCell>
            <TableHeaderCell>Policy compliance</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((p) => {
            const failed = p.invariants.filter((i) => !i.passed);
            return (
              <TableRow key={p.projectId}>
                <TableCell>{p.name} <Text size={200}>({p.status}, tier {p.tier})</Text></TableCell>
                <TableCell>{p.environment ? <>{p.environment.driver} {p.environment.simulated && <Badge appearance="outline">simulated</Badge>}</> : 'not provisioned'}</TableCell>
                <TableCell>
                  {p.invariants.length === 0 ? '—' : failed.length === 0
                    ? <Badge color="success" appearance="tint">{p.invariants.length} of {p.invariants.length} hold</Badge>
                    : <Badge color="danger" appearance="tint">{failed.length} violated: {failed.map((f) => f.title).join('; ')}</Badge>}
                </TableCell>
                <TableCell><PolicyComplianceSummary compliance={p.policyCompliance} /></TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {posture.isFetchNextPageError && <ErrorState error={posture.error} onRetry={() => void posture.fetchNextPage()} />}
      {posture.hasNextPage && (
        <Button onClick={() => void posture.fetchNextPage()} disabled={posture.isFetchingNextPage}>
          {posture.isFetchingNextPage ? 'Loading…' : 'Load more projects'}
        </Button>
      )}
      <SectionHeading>What is checked</SectionHeading>
      {checks.length === 0 ? (
        // The invariants come with a deployed template: say so rather than leave the heading over nothing.
        <Text>The template's security checks are listed once a project's environment has been deployed.</Text>
      ) : (
        <ul>
          {checks.map((i) => <li key={i.id}><strong>{i.title}</strong>: {i.check}</li>)}
        </ul>
      )}
    </section>
  );
}
