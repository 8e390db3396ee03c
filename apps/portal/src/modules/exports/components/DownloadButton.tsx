import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useMutation } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { ErrorState } from '../../../ui/ErrorState';
import { baseName, type ExportFile } from '../api/ExportRequest';
import { fetchDownload } from '../api/exportRequests';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, alignItems: 'flex-start' },
});

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Saves one released file (streamed through the API, which audits it) and says whether its bytes hash as approved. */
export function DownloadButton({ projectId, requestId, file }: { projectId: string; requestId: string; file: ExportFile }) {
  const styles = useStyles();
  const client = useApiClient();
  const download = useMutation({
    mutationFn: async () => {
      const bytes = await fetchDownload(client, projectId, requestId, file.id);
      const url = URL.createObjectURL(bytes.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = baseName(file.path);
      document.body.append(link);
      link.click();
      link.remove();
      // Let the browser pick the file up before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return (await sha256Hex(bytes.blob)) === file.sha256;
    },
  });
  return (
    <div className={styles.root}>
      <Button size="small" onClick={() => download.mutate()} disabled={download.isPending} aria-label={`Download ${file.path}`}>
        {download.isPending ? 'Downloading…' : 'Download'}
      </Button>
      {download.data === true && <Caption1>Downloaded; SHA-256 matches the approved file.</Caption1>}
      {download.data === false && <Caption1 role="alert">The downloaded bytes do not match the approved SHA-256. Do not use this file.</Caption1>}
      {download.isError && <ErrorState error={download.error} />}
    </div>
  );
}
