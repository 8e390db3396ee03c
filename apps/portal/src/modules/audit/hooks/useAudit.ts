import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import type { AuditExportFormat } from '../api/AuditEvent';
import { fetchAuditEvents, fetchAuditExport, verifyAuditChain } from '../api/auditRequests';
import type { auditQueryOf } from '../auditFilters';

type Filters = ReturnType<typeof auditQueryOf>;

/** Pages of events for the applied filters; `enabled` is false until a required project is chosen. */
export function useAuditEvents(filters: Filters, enabled: boolean) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) => fetchAuditEvents(client, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled,
  });
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useAuditExport() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async (input: { filters: Filters; format: AuditExportFormat }) => {
      const blob = await fetchAuditExport(client, input.filters, input.format);
      saveBlob(blob, `audit-events.${input.format}`);
    },
  });
}

export function useVerifyAuditChain() {
  const client = useApiClient();
  return useMutation({ mutationFn: () => verifyAuditChain(client) });
}
