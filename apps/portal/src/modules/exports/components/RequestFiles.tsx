import { Body1, Caption1, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { SectionHeading } from '../../../ui/SectionHeading';
import type { ExportDetail, ExportFile } from '../api/ExportRequest';
import { FileDecisionBadge, CheckOutcomeBadge } from './ExportStatusBadge';
import { FileChecks } from './FileChecks';
import { formatBytes } from './formatting';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalL },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  fileHeader: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  label: { color: tokens.colorNeutralForeground3 },
});

/** The request's groups (context, controls) and each file's facts and check results; `extra` adds per-file parts (downloads, previews, votes). */
export function RequestFiles({ detail, extra }: { detail: ExportDetail; extra?: (file: ExportFile) => ReactNode }) {
  const styles = useStyles();
  return (
    <>
      {detail.groups.map((group) => (
        <Card key={group.id} className={styles.group} aria-label={`Group ${group.name}`}>
          <SectionHeading>{group.name}</SectionHeading>
          <Body1 block>
            <Text className={styles.label}>Context: </Text>
            {group.context}
          </Body1>
          <Body1 block>
            <Text className={styles.label}>Disclosure controls: </Text>
            {group.controls === '' ? 'none stated' : group.controls}
          </Body1>
          {group.files.map((file) => (
            <div key={file.id} className={styles.file} data-testid={`file-${file.path}`} aria-label={file.path} role="group">
              <div className={styles.fileHeader}>
                <Text weight="semibold">{file.path}</Text>
                <Caption1>{file.role === 'output' ? 'Output' : 'Supporting (not released)'}</Caption1>
                <Caption1>{formatBytes(file.size)}</Caption1>
                <CheckOutcomeBadge outcome={file.checkOutcome} />
                {file.decision !== null && <FileDecisionBadge decision={file.decision} />}
                {file.released && <Caption1>{detail.status === 'revoked' ? 'Released, then revoked' : 'Released'}</Caption1>}
              </div>
              <Caption1 block>
                SHA-256 <span className={styles.hash} data-testid={`sha256-${file.path}`}>{file.sha256}</span>
              </Caption1>
              <FileChecks file={file} />
              {extra?.(file)}
            </div>
          ))}
        </Card>
      ))}
    </>
  );
}
