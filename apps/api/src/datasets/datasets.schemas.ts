import { DATASET_CLASSIFICATIONS, DATASET_STATUSES, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { z } from 'zod';
import { uuid } from '../http/common-schemas';

export const MAX_FILE_BYTES = 100 * 1024 ** 3;

export const datasetParams = z.strictObject({ projectId: uuid, datasetId: uuid });
export const versionParams = z.strictObject({ projectId: uuid, datasetId: uuid, version: z.coerce.number().int().min(1).max(100_000) });

export const createDatasetBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.dataset.name, tooLongMessage(TEXT_LIMITS.dataset.name)),
  description: z.string().trim().max(TEXT_LIMITS.dataset.description, tooLongMessage(TEXT_LIMITS.dataset.description)).default(''),
  classification: z.enum(DATASET_CLASSIFICATIONS, { error: `must be one of ${DATASET_CLASSIFICATIONS.join(', ')}` }),
});

export const requestUploadsBody = z.strictObject({
  files: z.array(z.strictObject({
    path: z.string().min(1, 'must not be empty').max(1024),
    size: z.number().int().min(0).max(MAX_FILE_BYTES, 'must be at most 100 GiB'),
    contentType: z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as text/csv').optional(),
  })).min(1, 'must list at least one file').max(1000, 'at most 1000 files per request; request more in further calls'),
});

const timeline = z.object({
  uploadStarted: z.string().nullable(), submitted: z.string().nullable(), transferStarted: z.string().nullable(), verificationStarted: z.string().nullable(),
  available: z.string().nullable(), failed: z.string().nullable(), rejected: z.string().nullable(), sealed: z.string().nullable(),
});
export const versionResponse = z.object({
  version: z.number().int(), status: z.enum(DATASET_STATUSES), failureReason: z.string().nullable(), createdAt: z.string(), uploadExpiresAt: z.string().nullable(),
  fileCount: z.number().int(), totalBytes: z.number().int(), timeline,
});
export const datasetResponse = z.object({
  id: z.string(), name: z.string(), description: z.string(), classification: z.enum(DATASET_CLASSIFICATIONS), ownerId: z.string(), createdAt: z.string(),
  versions: z.array(versionResponse),
});
export const datasetListResponse = z.object({ items: z.array(datasetResponse) });
export const uploadsResponse = z.object({
  files: z.array(z.object({ path: z.string(), uploadUrl: z.string(), expiresAt: z.string(), blockSizeBytes: z.number().int() })),
});
export const manifestResponse = z.object({
  dataset: z.string(), version: z.number().int(), status: z.enum(DATASET_STATUSES),
  files: z.array(z.object({ path: z.string(), size: z.number().int(), sha256: z.string().nullable(), contentType: z.string() })),
});
