import { DATASET_SETTLED, DATASET_STATES_OWING_JOBS } from '@cloister/domain';
import type { GetResponse } from '../../../api/GetResponse';
import type { paths } from '../../../api/schema.gen';

type Versions = '/api/v1/projects/{projectId}/datasets/{datasetId}/versions/{version}';

export type DatasetList = GetResponse<'/api/v1/projects/{projectId}/datasets'>;
export type Dataset = GetResponse<'/api/v1/projects/{projectId}/datasets/{datasetId}'>;
export type DatasetVersion = Dataset['versions'][number];
export type DatasetStatus = DatasetVersion['status'];
export type DatasetTimeline = DatasetVersion['timeline'];
export type Classification = Dataset['classification'];
export type Manifest = GetResponse<`${Versions}/manifest`>;
export type ManifestFile = Manifest['files'][number];
export type CreateDatasetBody = paths['/api/v1/projects/{projectId}/datasets']['post']['requestBody']['content']['application/json'];
export type UploadRequestFile = paths[`${Versions}/uploads`]['post']['requestBody']['content']['application/json']['files'][number];
export type UploadGrant = paths[`${Versions}/uploads`]['post']['responses'][200]['content']['application/json']['files'][number];

/** Nothing more happens to a version in this state until a person acts. */
export const isSettled = (status: DatasetStatus): boolean => DATASET_SETTLED.includes(status);

/** The worker is busy with the version (it owes the next step); the page polls while any version is in such a state. */
export const isInTransfer = (status: DatasetStatus): boolean => Object.hasOwn(DATASET_STATES_OWING_JOBS, status);

/** The newest version (the API lists them oldest first). */
export function latestVersion(dataset: Dataset): DatasetVersion | undefined {
  return dataset.versions.reduce<DatasetVersion | undefined>((latest, v) => (latest === undefined || v.version > latest.version ? v : latest), undefined);
}
