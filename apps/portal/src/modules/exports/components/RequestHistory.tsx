import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ExportDetail } from '../api/ExportRequest';
import { actionLabel, formatTime } from './formatting';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: {
    display: 'grid', gridTemplateColumns: '20px 220px minmax(0, 1fr)', alignItems: 'center', columnGap: tokens.spacingHorizontalS,
    // On a phone the 220-px label column left the time and e-mail too little room (they ran off the page): stack them.
    '@media (max-width: 720px)': { gridTemplateColumns: '20px minmax(0, 1fr)' },
  },
  when: { overflowWrap: 'anywhere', '@media (max-width: 720px)': { gridColumn: '2' } },
  file: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightRegular, overflowWrap: 'anywhere' },
  dot: { width: '10px', height: '10px', borderRadius: '50%', backgroundColor: tokens.colorBrandBackground, justifySelf: 'center' },
});

type HistoryEvent = ExportDetail['history'][number];

/** Previews and downloads are per file (their audit details carry its path); without it a row of "Downloaded" says nothing. */
function fileOf(event: HistoryEvent): string | null {
  const path = event.details['path'];
  return typeof path === 'string' && path !== '' ? path : null;
}

/** The request's audit trail, oldest first: every move, review and download with who did it and when. */
export function RequestHistory({ history }: { history: ExportDetail['history'] }) {
  const styles = useStyles();
  if (history.length === 0) return <Caption1>No history to show.</Caption1>;
  const ordered = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className={styles.list} aria-label="Timeline">
      {ordered.map((event, index) => {
        const file = fileOf(event);
        return (
          <li key={index} className={styles.step} data-testid={`history-${event.action}`}>
            <span className={styles.dot} aria-hidden />
            <Text weight="semibold">
              {actionLabel(event.action)}
              {file !== null && <> <span className={styles.file}>{file}</span></>}
            </Text>
            <Caption1 className={styles.when}>
              {formatTime(event.at)}
              {event.actor !== null && ` · ${event.actor}`}
            </Caption1>
          </li>
        );
      })}
    </ol>
  );
}
