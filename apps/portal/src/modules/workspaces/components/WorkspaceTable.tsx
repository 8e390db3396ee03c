import { Button, Link, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import type { ConnectLink, Workspace } from '../api/workspaceRequests';
import { useChangeWorkspace, useConnectWorkspace } from '../hooks/useWorkspaces';
import { WorkspaceStatusBadge } from './WorkspaceStatusBadge';

type Row = Workspace & { projectName?: string };

const useStyles = makeStyles({
  // Size names (Standard_NC4as_T4_v3) and e-mail addresses have no break points: on a phone they ran into the next column.
  wrap: { overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

// Follows the "Stopped" badge, so the cell reads "Stopped by hand".
const STOP_REASON: Record<string, string> = { manual: 'by hand', schedule: 'by the schedule', idle: 'when idle', budget: 'at the budget limit' };

/** Workspaces with the actions the API says the caller may take now (connect, start, stop). */
export function WorkspaceTable({ items, showProject = false, showOwner = false }: { items: readonly Row[]; showProject?: boolean; showOwner?: boolean }) {
  const styles = useStyles();
  const change = useChangeWorkspace();
  const connect = useConnectWorkspace();
  const [link, setLink] = useState<(ConnectLink & { name: string }) | null>(null);
  if (!items.length) return <Text>No workspaces yet.</Text>;
  return (
    <>
      {change.isError && <ErrorState error={change.error} />}
      {connect.isError && <ErrorState error={connect.error} />}
      {link && (
        <MessageBar intent="info" role="status">
          <MessageBarBody>
            {link.name}: {link.notice} {link.url && <Link href={link.url} target="_blank" rel="noreferrer">Open Azure Virtual Desktop</Link>}
          </MessageBarBody>
        </MessageBar>
      )}
      <Table size="small" aria-label="Workspaces">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            {showProject && <TableHeaderCell>Project</TableHeaderCell>}
            <TableHeaderCell>Size</TableHeaderCell>
            {showOwner && <TableHeaderCell>Owner</TableHeaderCell>}
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((w) => {
            const act = (action: 'start' | 'stop') => change.mutate({ projectId: w.projectId, workspaceId: w.id, action });
            return (
              <TableRow key={w.id}>
                <TableCell>{w.name} {w.simulated && <Text size={200}>(simulated)</Text>}</TableCell>
                {showProject && <TableCell>{w.projectName}</TableCell>}
                <TableCell className={styles.wrap}>{w.kind === 'vm' ? 'VM' : 'ML compute'} · {w.size} · {w.hourlyRate.toFixed(3)} USD/h</TableCell>
                {showOwner && <TableCell className={styles.wrap}>{w.shared ? 'Shared' : w.ownerEmail}</TableCell>}
                <TableCell>
                  <WorkspaceStatusBadge status={w.status} />{' '}
                  {w.status === 'stopped' && w.lastStopReason && <Text size={200}>{STOP_REASON[w.lastStopReason]}</Text>}
                  {w.failureReason && <Text size={200}>{w.failureReason}</Text>}
                </TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    {w.allowed.connect && (
                      <Button size="small" onClick={() => connect.mutate({ projectId: w.projectId, workspaceId: w.id }, { onSuccess: (l) => setLink({ ...l, name: w.name }) })}>Connect</Button>
                    )}
                    {w.allowed.start && <Button size="small" onClick={() => act('start')} aria-label={`Start ${w.name}`}>Start</Button>}
                    {w.allowed.stop && <Button size="small" onClick={() => act('stop')} aria-label={`Stop ${w.name}`}>Stop</Button>}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
