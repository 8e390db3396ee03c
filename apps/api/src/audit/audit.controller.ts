import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AuditEvent, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { AuditRepository, type AuditQuery } from '@cloister/persistence';
import type { Response } from 'express';
import { z } from 'zod';
import { RequirePermission } from '../auth/route-policy.decorator';
import { auditContextOf, type CloisterRequest } from '../core/request-context';
import { emptyBody, limit, uuid } from '../http/common-schemas';
import { Validate } from '../http/validate.decorator';

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((s) => new Date(s));
const filters = {
  projectId: uuid.optional(),
  actorId: uuid.optional(),
  action: z.string().max(TEXT_LIMITS.audit.actionFilter, tooLongMessage(TEXT_LIMITS.audit.actionFilter)).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const listQuery = z.strictObject({ ...filters, cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(), limit });
const exportQuery = z.strictObject({ ...filters, format: z.enum(['jsonl', 'csv']).default('jsonl') });

const eventSchema = z.object({
  id: z.string(), seq: z.number().int(), occurredAt: z.string(), actorId: z.string().nullable(), actorEmail: z.string().nullable(), action: z.string(),
  targetType: z.string(), targetId: z.string().nullable(), projectId: z.string().nullable(), requestId: z.string().nullable(), sourceIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string(),
});
const listResponse = z.object({ items: z.array(eventSchema), nextCursor: z.string().nullable() });
const verifyResponse = z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenId: z.string().nullable() });

const CSV_COLUMNS = ['seq', 'id', 'occurredAt', 'actorId', 'actorEmail', 'action', 'targetType', 'targetId', 'projectId', 'requestId', 'sourceIp', 'details', 'prevHash', 'hash'] as const;
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote always, and defuse spreadsheet formulas, since auditors open these exports in Excel.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

@ApiTags('audit')
@Controller('v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  /** Platform admins query everything; project admins must name their project. */
  @Get()
  @RequirePermission('project:audit:read', { projectIdFrom: 'query', orPlatform: 'platform:audit:read' })
  @Validate({ query: listQuery, response: listResponse })
  async list(@Query() q: z.infer<typeof listQuery>): Promise<z.infer<typeof listResponse>> {
    const items = await this.audit.list({ ...this.toQuery(q), ...(q.cursor && { afterSeq: Number(q.cursor) }), limit: q.limit + 1 });
    const page = items.slice(0, q.limit);
    return { items: page, nextCursor: items.length > q.limit ? String(page[page.length - 1]!.seq) : null };
  }

  @Get('export')
  @RequirePermission('project:audit:read', { projectIdFrom: 'query', orPlatform: 'platform:audit:read' })
  @Validate({ query: exportQuery, description: 'JSON Lines or CSV, streamed' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  async export(@Query() q: z.infer<typeof exportQuery>, @Req() req: CloisterRequest, @Res() res: Response): Promise<void> {
    // Exporting the trail is itself a sensitive read.
    await this.audit.appendStandalone({ ...auditContextOf(req), action: 'audit.exported', targetType: 'audit_log', targetId: null, projectId: q.projectId ?? null, details: { format: q.format, filters: { ...q, format: undefined } } });
    res.status(200).setHeader('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    res.setHeader('content-disposition', `attachment; filename="audit-events.${q.format}"`);
    if (q.format === 'csv') res.write(`${CSV_COLUMNS.join(',')}\n`);
    for await (const e of this.audit.stream(this.toQuery(q))) {
      const line = q.format === 'csv' ? `${CSV_COLUMNS.map((c) => csvCell(e[c as keyof AuditEvent])).join(',')}\n` : `${JSON.stringify(e)}\n`;
      if (!res.write(line)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  @Post('verify')
  @HttpCode(200)
  @RequirePermission('platform:audit:read')
  @Validate({ body: emptyBody, response: verifyResponse })
  async verify(@Req() req: CloisterRequest) {
    const result = await this.audit.verify();
    await this.audit.appendStandalone({ ...auditContextOf(req), action: 'audit.verified', targetType: 'audit_log', targetId: null, projectId: null, details: { ...result } });
    return result;
  }

  private toQuery(q: { projectId?: string | undefined; actorId?: string | undefined; action?: string | undefined; from?: Date | undefined; to?: Date | undefined }): Omit<AuditQuery, 'limit'> {
    return {
      ...(q.projectId && { projectId: q.projectId }), ...(q.actorId && { actorId: q.actorId }), ...(q.action && { action: q.action }),
      ...(q.from && { from: q.from }), ...(q.to && { to: q.to }),
    };
  }
}
