import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ExportFile } from '../api/ExportRequest';
import { checkLabel, entityLabel } from '@cloister/domain';
import { CheckOutcomeBadge } from './ExportStatusBadge';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
});

/** The automated checks' results on one file and what they found: identifiers by place, flagged cells, archive entries. */
export function FileChecks({ file }: { file: ExportFile }) {
  const styles = useStyles();
  if (file.checks.length === 0) return <Caption1>The automated checks have not run on this file yet.</Caption1>;
  const findings = file.findings;
  return (
    <div data-testid={`checks-${file.path}`}>
      <ul className={styles.list} aria-label={`Checks of ${file.path}`}>
        {file.checks.map((check) => (
          <li key={check.name} className={styles.check}>
            <Text weight="semibold">{checkLabel(check.name)}</Text>
            <CheckOutcomeBadge outcome={check.outcome} />
            <Text>{check.message}</Text>
          </li>
        ))}
      </ul>
      {findings !== null && findings.pii.length > 0 && (
        <>
          <Caption1 block>Identifiers found</Caption1>
          <ul className={styles.list} aria-label={`Identifiers found in ${file.path}`}>
            {findings.pii.map((f, i) => (
              <li key={i}>
                {entityLabel(f.entity)}{' '}
                {f.row !== null ? `in row ${f.row}${f.field !== null ? `, column "${f.field}"` : ''}` : f.line !== null ? `on line ${f.line}${f.column !== null ? `, column ${f.column}` : ''}` : ''}
                {` (confidence ${Math.round(f.score * 100)}%)`}
              </li>
            ))}
          </ul>
        </>
      )}
      {findings !== null && findings.cells.length > 0 && (
        <>
          <Caption1 block>Cells flagged by disclosure checks</Caption1>
          <ul className={styles.list} aria-label={`Flagged cells of ${file.path}`}>
            {findings.cells.map((c, i) => (
              <li key={i}>
                row {c.row}, column {c.column}: {c.check}
              </li>
            ))}
          </ul>
        </>
      )}
      {findings !== null && findings.archiveEntries.length > 0 && (
        <>
          <Caption1 block>Archive entries</Caption1>
          <ul className={styles.list}>
            {findings.archiveEntries.map((entry) => (
              <li key={entry}>{entry}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
