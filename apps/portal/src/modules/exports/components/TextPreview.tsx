import { makeStyles, tokens } from '@fluentui/react-components';
import type { PiiFinding } from '../api/ExportRequest';
import { entityLabel } from '@cloister/domain';
import { textSegments } from '../previewHighlights';

const useStyles = makeStyles({
  text: {
    fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0,
    maxHeight: '480px', overflow: 'auto', padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  mark: { backgroundColor: tokens.colorPaletteRedBackground2, outline: `1px solid ${tokens.colorPaletteRedBorder2}` },
});

/** Plain text with each identifier the scanner found highlighted (never rendered as HTML). */
export function TextPreview({ text, pii, label }: { text: string; pii: readonly PiiFinding[]; label: string }) {
  const styles = useStyles();
  return (
    <pre className={styles.text} aria-label={label} tabIndex={0}>
      {textSegments(text, pii).map((segment, i) =>
        segment.entities.length === 0 ? (
          segment.text
        ) : (
          <mark key={i} className={styles.mark} title={segment.entities.map(entityLabel).join(', ')} data-flag="pii">
            {segment.text}
          </mark>
        ),
      )}
    </pre>
  );
}
