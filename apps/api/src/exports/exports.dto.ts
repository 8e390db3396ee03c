import type { ExportRequestRecord } from '@cloister/persistence';
import type { z } from 'zod';
import type { exportDetail, exportSummary } from './exports.schemas';
import type { ExportsService } from './exports.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Summary = Awaited<ReturnType<ExportsService['summaries']>>[number];
type Detail = Awaited<ReturnType<ExportsService['detail']>>;

function summaryOf(r: ExportRequestRecord, extra: { projectName: string; requester: string; fileCount: number; outputCount: number }): z.infer<typeof exportSummary> {
  return {
    id: r.id, projectId: r.projectId, projectName: extra.projectName, title: r.title, status: r.status, statusReason: r.statusReason, round: r.round,
    checkersRequired: r.checkersRequired, requesterId: r.requesterId, requester: extra.requester, createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(), submittedAt: iso(r.submittedAt), releasedAt: iso(r.releasedAt), revokedAt: iso(r.revokedAt),
    fileCount: extra.fileCount, outputCount: extra.outputCount,
  };
}

export const toSummaryDto = (s: Summary) => summaryOf(s.request, s);

export function toDetailDto(d: Detail): z.infer<typeof exportDetail> {
  const name = (id: string) => d.names.get(id) ?? 'unknown';
  const vote = (v: Detail['votes'][number]) => ({ fileId: v.fileId, reviewerId: v.reviewerId, reviewer: name(v.reviewerId), decision: v.decision, comment: v.comment, round: v.round });
  return {
    ...summaryOf(d.request, { projectName: d.projectName, requester: name(d.request.requesterId), fileCount: d.files.length, outputCount: d.files.filter((f) => f.role === 'output').length }),
    purpose: d.request.purpose,
    groups: d.groups.map((g) => ({
      id: g.id, name: g.name, context: g.context, controls: g.controls,
      files: d.files.filter((f) => f.groupId === g.id).map((f) => ({
        id: f.id, path: f.path, role: f.role, size: f.size, sha256: f.sha256, contentType: f.contentType, checkOutcome: f.checkOutcome,
        checks: f.checks.map((c) => ({ ...c })),
        findings: f.findings ? { pii: f.findings.pii.map((x) => ({ ...x })), cells: f.findings.cells.map((c) => ({ ...c })), archiveEntries: [...f.findings.archiveEntries] } : null,
        decision: f.role === 'output' && d.decisions ? d.decisions.get(f.id) ?? 'pending' : null,
        changedInRound: f.changedInRound, released: Boolean(f.releasedBlob),
      })),
    })),
    myReview: d.myReview ? { round: d.myReview.round, submittedAt: iso(d.myReview.submittedAt), votes: d.myReview.votes.map(vote) } : null,
    votes: d.votes.map(vote),
    reviews: d.reviews.map((r) => ({ reviewerId: r.reviewerId, reviewer: name(r.reviewerId), round: r.round, submittedAt: iso(r.submittedAt) })),
    comments: d.comments.map((c) => ({ id: c.id, fileId: c.fileId, author: name(c.authorId), visibility: c.visibility, body: c.body, round: c.round, createdAt: c.createdAt.toISOString() })),
    history: d.history.map((h) => ({ ...h, details: { ...h.details } })),
    can: d.can,
  };
}
