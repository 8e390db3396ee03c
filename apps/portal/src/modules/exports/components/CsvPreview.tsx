import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { FlaggedCell, PiiFinding } from '../api/ExportRequest';
import { entityLabel } from '@cloister/domain';
import { parseCsvTable } from '../csvTable';
import { flagsAt, tableCellFlags } from '../previewHighlights';

const useStyles = makeStyles({
  scroll: { overflow: 'auto', maxHeight: '480px', border: `1px solid ${tokens.colorNeutralStroke2}` },
  rowNumber: { color: tokens.colorNeutralForeground3, width: '48px' },
  disclosure: { backgroundColor: tokens.colorPaletteYellowBackground2, outline: `2px solid ${tokens.colorPaletteMarigoldBorder2}` },
  pii: { backgroundColor: tokens.colorPaletteRedBackground2, outline: `2px solid ${tokens.colorPaletteRedBorder2}` },
  // Read by screen readers, not shown: the highlight's reason in words.
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

/** A table with the cells the disclosure checks flagged and the cells holding identifiers highlighted, each saying why. */
export function CsvPreview({ text, tsv = false, cells, pii, label }: { text: string; tsv?: boolean; cells: readonly FlaggedCell[]; pii: readonly PiiFinding[]; label: string }) {
  const styles = useStyles();
  const table = parseCsvTable(text, tsv ? '\t' : ',');
  const flags = tableCellFlags(table.header, cells, pii);
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  return (
    <div>
      <div className={styles.scroll}>
        <Table size="extra-small" aria-label={label}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.rowNumber}>#</TableHeaderCell>
              {columns.map((c) => (
                <TableHeaderCell key={c}>{table.header[c] ?? ''}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((row, r) => (
              <TableRow key={r}>
                <TableCell className={styles.rowNumber}>{r + 1}</TableCell>
                {columns.map((c) => {
                  const flag = flagsAt(flags, r + 1, c + 1);
                  const reasons = flag === undefined ? [] : [...flag.checks.map((check) => `disclosure check: ${check}`), ...flag.entities.map((entity) => `identifier: ${entityLabel(entity)}`)];
                  const kind = flag === undefined ? undefined : flag.entities.length > 0 ? 'pii' : 'disclosure';
                  return (
                    <TableCell
                      key={c}
                      className={mergeClasses(kind === 'pii' && styles.pii, kind === 'disclosure' && styles.disclosure)}
                      data-flag={kind}
                      title={reasons.length > 0 ? reasons.join('; ') : undefined}
                    >
                      {row[c] ?? ''}
                      {reasons.length > 0 && <span className={styles.hidden}> (flagged: {reasons.join('; ')})</span>}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {table.more && <Caption1>Only the first {table.rows.length} rows are shown.</Caption1>}
    </div>
  );
}
