import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatTime } from '../../../ui/formatTime';
import type { AuditEvent } from '../api/AuditEvent';

const useStyles = makeStyles({
  details: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  seq: { width: '64px' },
  wrap: { overflowWrap: 'anywhere' },
  // One field per line, broken only where a long value must be: a single JSON line broke after every few letters.
  detailLines: { margin: 0, padding: 0, listStyle: 'none', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  detailKey: { color: tokens.colorNeutralForeground3 },
});

const detailValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

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
            <TableCell>{formatTime(event.occurredAt)}</TableCell>
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
              <AuditDetails details={event.details} className={styles.detailLines} keyClassName={styles.detailKey} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function AuditDetails({ details, className, keyClassName }: { details: AuditEvent['details']; className: string; keyClassName: string }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <ul className={className}>
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className={keyClassName}>{key}:</span> {detailValue(value)}
        </li>
      ))}
    </ul>
  );
}
