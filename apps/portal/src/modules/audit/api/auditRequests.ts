import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { auditQueryOf } from '../auditFilters';
import type { AuditExportFormat, AuditPage, VerifyResult } from './AuditEvent';

type Filters = ReturnType<typeof auditQueryOf>;

export async function fetchAuditEvents(client: ApiClient, filters: Filters, cursor: string | null): Promise<AuditPage> {
  return expectData(await client.GET('/api/v1/audit-events', { params: { query: { ...filters, ...(cursor !== null && { cursor }), limit: 50 } } }));
}

/** The streamed export as a Blob; it goes through the client so it carries the bearer token. */
export async function fetchAuditExport(client: ApiClient, filters: Filters, format: AuditExportFormat): Promise<Blob> {
  const result = await client.GET('/api/v1/audit-events/export', { params: { query: { ...filters, format } }, parseAs: 'blob' });
  return expectData(result);
}

export async function verifyAuditChain(client: ApiClient): Promise<VerifyResult> {
  return expectData(await client.POST('/api/v1/audit-events/verify', { body: {} }));
}
