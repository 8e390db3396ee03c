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
  // A nested list (the files of an export request) is indented under its field, one entry per line.
  nested: { margin: 0, paddingLeft: tokens.spacingHorizontalM, listStyle: 'none' },
  // With equal columns the details (the widest content) got a seventh of the table and rows grew hundreds of pixels tall.
  detailsColumn: { width: '34%' },
  // Seven columns in the 600 px a phone's tables get broke 'system' and every e-mail mid-word; this table scrolls wider.
  minWidth: { minWidth: '960px' },
});

type DetailClasses = { nested: string; key: string };

interface AuditEventsTableProps {
  events: readonly AuditEvent[];
  projectName: (projectId: string) => string;
}

export function AuditEventsTable({ events, projectName }: AuditEventsTableProps) {
  const styles = useStyles();
  if (events.length === 0) return <Body1 block>No audit events match these filters.</Body1>;
  return (
    <div className={styles.minWidth}>
      <Table aria-label="Audit events" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.seq}>#</TableHeaderCell>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Actor</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Project</TableHeaderCell>
            <TableHeaderCell className={styles.detailsColumn}>Details</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((event) => (
            <TableRow key={event.id}>
              <TableCell className={styles.seq}>{event.seq}</TableCell>
              <TableCell>{formatTime(event.occurredAt)}</TableCell>
              <TableCell className={styles.wrap}>
                {event.actorEmail ?? 'system'}
                {event.actorId && (
                  <Text block size={100} className={styles.details}>
                    {event.actorId}
                  </Text>
                )}
              </TableCell>
              <TableCell className={styles.wrap}>{event.action}</TableCell>
              <TableCell className={styles.wrap}>
                {event.targetType}
                {event.targetId && (
                  <Text block size={100} className={styles.details}>
                    {event.targetId}
                  </Text>
                )}
              </TableCell>
              <TableCell>{event.projectId ? projectName(event.projectId) : '—'}</TableCell>
              <TableCell>
                <AuditDetails details={event.details} className={styles.detailLines} classes={{ nested: styles.nested, key: styles.detailKey }} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function AuditDetails({ details, className, classes }: { details: AuditEvent['details']; className: string; classes: DetailClasses }) {
  if (Object.keys(details).length === 0) return <>—</>;
  return <DetailFields value={details} className={className} classes={classes} />;
}

function DetailFields({ value, className, classes }: { value: Record<string, unknown>; className: string; classes: DetailClasses }) {
  return (
    <ul className={className}>
      {Object.entries(value).map(([key, field]) => (
        <li key={key}>
          <span className={classes.key}>{key}:</span> <DetailValue value={field} classes={classes} />
        </li>
      ))}
    </ul>
  );
}

/** A detail's value as text, or as nested lines when it holds objects: never as a JSON string. */
function DetailValue({ value, classes }: { value: unknown; classes: DetailClasses }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <>none</>;
    if (value.every((item) => item === null || typeof item !== 'object')) return <>{value.map(String).join(', ')}</>;
    return (
      <ol className={classes.nested}>
        {value.map((item, i) => (
          <li key={i}>
            <DetailValue value={item} classes={classes} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object') {
    return <DetailFields value={value as Record<string, unknown>} className={classes.nested} classes={classes} />;
  }
  return <>{String(value)}</>;
}
