import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditEvent } from '../api/AuditEvent';

const useStyles = makeStyles({
  details: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  seq: { width: '64px' },
  wrap: { overflowWrap: 'anywhere' },
});

interface AuditEventsTableProps {
  events: readonly AuditEvent[];
  projectName: (projectId: string) => string;
}

export function AuditEventsTable({ events, projectName }: AuditEventsTableProps) {
  const styles = useStyles();
  if (events.length === 0) return <Body1 block>No audit events match these filters.</Body1>;
  return (
    <Table aria-label="Audit events" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.seq}>#</TableHeaderCell>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Actor</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Project</TableHeaderCell>
          <TableHeaderCell>Details</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className={styles.seq}>{event.seq}</TableCell>
            <TableCell>{new Date(event.occurredAt).toLocaleString()}</TableCell>
            <TableCell>
              {event.actorEmail ?? 'system'}
              {event.actorId && (
                <Text block size={100} className={styles.details}>
                  {event.actorId}
                </Text>
              )}
            </TableCell>
            <TableCell className={styles.wrap}>{event.action}</TableCell>
            <TableCell>
              {event.targetType}
              {event.targetId && (
                <Text block size={100} className={styles.details}>
                  {event.targetId}
                </Text>
              )}
            </TableCell>
            <TableCell>{event.projectId ? projectName(event.projectId) : '—'}</TableCell>
            <TableCell>
              <span className={styles.details}>{JSON.stringify(event.details)}</span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
