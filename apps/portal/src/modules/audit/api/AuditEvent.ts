import type { GetResponse } from '../../../api/GetResponse';
import type { paths } from '../../../api/schema.gen';

export type AuditPage = GetResponse<'/api/v1/audit-events'>;
export type AuditEvent = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;
export type AuditExportFormat = 'jsonl' | 'csv';
export type VerifyResult = paths['/api/v1/audit-events/verify']['post']['responses'][200]['content']['application/json'];
