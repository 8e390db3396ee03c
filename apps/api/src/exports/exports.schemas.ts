import { EXPORT_FILE_ROLES, EXPORT_STATUSES, TEXT_LIMITS, tooLongMessage, VOTE_DECISIONS } from '@cloister/domain';
import { z } from 'zod';
import { uuid } from '../http/common-schemas';

export const requestParams = z.strictObject({ projectId: uuid, requestId: uuid });
export const fileParams = z.strictObject({ projectId: uuid, requestId: uuid, fileId: uuid });

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, tooLongMessage(max));
const optionalText = (max: number) => z.string().trim().max(max, tooLongMessage(max)).default('');
const REQUEST = TEXT_LIMITS.exportRequest;
const REVIEW = TEXT_LIMITS.exportReview;

export const requestBody = z.strictObject({
  title: text(REQUEST.title),
  purpose: text(REQUEST.purpose),
  groups: z.array(z.strictObject({
    name: text(REQUEST.groupName),
    context: text(REQUEST.groupContext),
    controls: optionalText(REQUEST.groupControls),
    files: z.array(z.strictObject({
      stagedOutputId: uuid,
      role: z.enum(EXPORT_FILE_ROLES, { error: `must be one of ${EXPORT_FILE_ROLES.join(', ')}` }),
    })).max(500, 'at most 500 files per group'),
  })).min(1, 'must have at least one group').max(50, 'at most 50 groups'),
});

export const listQuery = z.strictObject({ status: z.enum(EXPORT_STATUSES, { error: `must be one of ${EXPORT_STATUSES.join(', ')}` }).optional() });

export const votesBody = z.strictObject({
  votes: z.array(z.strictObject({
    fileId: uuid,
    decision: z.enum(VOTE_DECISIONS, { error: `must be one of ${VOTE_DECISIONS.join(', ')}` }),
    comment: optionalText(REVIEW.voteComment),
  })).min(1, 'must contain at least one vote').max(1000),
});

export const submitReviewBody = z.strictObject({
  /** Shown to the researcher when the request comes back. */
  publicComment: optionalText(REVIEW.publicComment),
  /** Seen only by the project's checkers and admins. */
  internalComment: optionalText(REVIEW.internalComment),
});

export const revokeBody = z.strictObject({ reason: text(REVIEW.revokeReason) });

export const stagedOutputsResponse = z.object({
  items: z.array(z.object({
    id: z.string(), path: z.string(), size: z.number().int(), sha256: z.string(), contentType: z.string(), modifiedAt: z.string(),
    heldBy: z.object({ requestId: z.string(), title: z.string() }).nullable(),
  })),
});

const check = z.object({ name: z.string(), outcome: z.enum(['pass', 'review', 'fail']), hard: z.boolean(), message: z.string() });
const finding = z.object({
  entity: z.string(), score: z.number(), line: z.number().nullable(), column: z.number().nullable(), row: z.number().nullable(), field: z.string().nullable(),
  start: z.number(), end: z.number(),
});
const vote = z.object({ fileId: z.string(), reviewerId: z.string(), reviewer: z.string(), decision: z.enum(VOTE_DECISIONS), comment: z.string(), round: z.number().int() });

export const exportFile = z.object({
  id: z.string(), path: z.string(), role: z.enum(EXPORT_FILE_ROLES), size: z.number().int(), sha256: z.string(), contentType: z.string(),
  checkOutcome: z.enum(['pass', 'review', 'fail']).nullable(), checks: z.array(check),
  findings: z.object({ pii: z.array(finding), cells: z.array(z.object({ row: z.number(), column: z.number(), check: z.string() })), archiveEntries: z.array(z.string()) }).nullable(),
  /** Null while the viewer may not see the tally yet (blinding). */
  decision: z.enum(['pending', 'approved', 'conflicted', 'changes_requested', 'rejected']).nullable(),
  changedInRound: z.number().int(),
  released: z.boolean(),
});

export const exportSummary = z.object({
  id: z.string(), projectId: z.string(), projectName: z.string(), title: z.string(), status: z.enum(EXPORT_STATUSES), statusReason: z.string().nullable(), round: z.number().int(),
  checkersRequired: z.number().int(), requesterId: z.string(), requester: z.string(), createdAt: z.string(), updatedAt: z.string(), submittedAt: z.string().nullable(),
  releasedAt: z.string().nullable(), revokedAt: z.string().nullable(), fileCount: z.number().int(), outputCount: z.number().int(),
});

export const exportDetail = exportSummary.extend({
  purpose: z.string(),
  groups: z.array(z.object({ id: z.string(), name: z.string(), context: z.string(), controls: z.string(), files: z.array(exportFile) })),
  myReview: z.object({ round: z.number().int(), submittedAt: z.string().nullable(), votes: z.array(vote) }).nullable(),
  /** Submitted votes of others, shown only once the viewer may see them. */
  votes: z.array(vote),
  reviews: z.array(z.object({ reviewerId: z.string(), reviewer: z.string(), round: z.number().int(), submittedAt: z.string().nullable() })),
  comments: z.array(z.object({ id: z.string(), fileId: z.string().nullable(), author: z.string(), visibility: z.enum(['public', 'checkers']), body: z.string(), round: z.number().int(), createdAt: z.string() })),
  history: z.array(z.object({ at: z.string(), action: z.string(), actor: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  can: z.object({
    edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean(), revoke: z.boolean(), download: z.boolean(), retry: z.boolean(), preview: z.boolean(),
  }),
});

export const exportListResponse = z.object({ items: z.array(exportSummary) });
