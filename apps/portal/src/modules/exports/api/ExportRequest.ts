import { EXPORT_STATES_OWING_JOBS } from '@cloister/domain';
import type { GetResponse } from '../../../api/GetResponse';
import type { paths } from '../../../api/schema.gen';

type Requests = '/api/v1/projects/{projectId}/export-requests';
type OneRequest = '/api/v1/projects/{projectId}/export-requests/{requestId}';

export type StagedOutputList = GetResponse<'/api/v1/projects/{projectId}/staged-outputs'>;
export type StagedOutput = StagedOutputList['items'][number];
export type ExportRequestList = GetResponse<Requests>;
export type ExportSummary = ExportRequestList['items'][number];
export type ExportDetail = GetResponse<OneRequest>;
export type ExportStatus = ExportSummary['status'];
export type ExportGroup = ExportDetail['groups'][number];
export type ExportFile = ExportGroup['files'][number];
export type ExportFileRole = ExportFile['role'];
export type ExportFindings = NonNullable<ExportFile['findings']>;
export type PiiFinding = ExportFindings['pii'][number];
export type FlaggedCell = ExportFindings['cells'][number];
export type CheckOutcome = NonNullable<ExportFile['checkOutcome']>;
export type ExportVote = ExportDetail['votes'][number];
export type VoteDecision = ExportVote['decision'];
export type RequestBody = paths[Requests]['post']['requestBody']['content']['application/json'];
export type VotesBody = paths[`${OneRequest}/review/votes`]['put']['requestBody']['content']['application/json'];
export type SubmitReviewBody = paths[`${OneRequest}/review/submit`]['post']['requestBody']['content']['application/json'];

/** The worker is busy with the request (checks or release; it owes the next step): pages poll while it is in one of these. */
export const isWorking = (status: ExportStatus): boolean => Object.hasOwn(EXPORT_STATES_OWING_JOBS, status);

/** Every output file of a request, in group order. */
export function outputFiles(detail: ExportDetail): ExportFile[] {
  return detail.groups.flatMap((group) => group.files.filter((file) => file.role === 'output'));
}

/** The file name without the folders of the export area. */
export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
