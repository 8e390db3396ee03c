import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { TextPreview } from './TextPreview';

const useStyles = makeStyles({
  cells: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '640px', overflow: 'auto' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', margin: 0, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground3 },
  output: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', margin: 0, padding: tokens.spacingHorizontalS, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
});

interface NotebookCell {
  cellType: string;
  source: string;
  outputs: string[];
}

const joined = (value: unknown): string => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join('') : typeof value === 'string' ? value : '');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One output as text: streams and text/plain results as they are; anything else (HTML, images) only named, never rendered. */
function outputText(output: unknown): string {
  if (!isRecord(output)) return '';
  if (output['output_type'] === 'stream') return joined(output['text']);
  if (output['output_type'] === 'error') return `${String(output['ename'] ?? 'Error')}: ${String(output['evalue'] ?? '')}\n${joined(output['traceback']).replace(/\u001b\[[0-9;]*m/g, '')}`;
  const data = output['data'];
  if (!isRecord(data)) return '';
  if ('text/plain' in data) return joined(data['text/plain']);
  return `[${Object.keys(data).join(', ')} output not shown]`;
}

/** A Jupyter notebook's cells, or null when the text is not one. */
export function notebookCells(text: string): NotebookCell[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed['cells'])) return null;
  return parsed['cells'].filter(isRecord).map((cell) => ({
    cellType: typeof cell['cell_type'] === 'string' ? cell['cell_type'] : 'code',
    source: joined(cell['source']),
    outputs: Array.isArray(cell['outputs']) ? cell['outputs'].map(outputText) : [],
  }));
}

/** A notebook as its cells with their outputs as text; a notebook that does not parse is shown as text. */
export function NotebookPreview({ text, label }: { text: string; label: string }) {
  const styles = useStyles();
  const cells = notebookCells(text);
  if (cells === null) return <TextPreview text={text} pii={[]} label={label} />;
  return (
    <div className={styles.cells} aria-label={label} role="region">
      {cells.map((cell, i) => (
        <div key={i}>
          <Caption1 block>
            [{i + 1}] {cell.cellType}
            {cell.outputs.length > 0 && ` · ${cell.outputs.length} ${cell.outputs.length === 1 ? 'output' : 'outputs'}`}
          </Caption1>
          <pre className={styles.code}>{cell.source}</pre>
          {cell.outputs.map((output, j) => (
            <pre key={j} className={styles.output}>
              {output}
            </pre>
          ))}
        </div>
      ))}
    </div>
  );
}
