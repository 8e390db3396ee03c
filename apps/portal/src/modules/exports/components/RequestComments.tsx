import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ExportDetail } from '../api/ExportRequest';
import { baseName } from '../api/ExportRequest';
import { formatTime } from './formatting';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Comments the viewer may see: public ones for the researcher; checker-only ones too once a checker has submitted. */
export function RequestComments({ detail }: { detail: ExportDetail }) {
  const styles = useStyles();
  if (detail.comments.length === 0) return <Body1 block>No comments.</Body1>;
  const fileName = (fileId: string | null) => {
    if (fileId === null) return null;
    const file = detail.groups.flatMap((g) => g.files).find((f) => f.id === fileId);
    return file === undefined ? null : baseName(file.path);
  };
  return (
    <ul className={styles.list} aria-label="Comments">
      {detail.comments.map((c) => (
        <li key={c.id}>
          <Caption1 block>
            {c.author} · round {c.round} · {formatTime(c.createdAt)}
            {c.visibility === 'checkers' && ' · checkers only'}
            {fileName(c.fileId) !== null && ` · on ${fileName(c.fileId)}`}
          </Caption1>
          <Body1 block>{c.body}</Body1>
        </li>
      ))}
    </ul>
  );
}
