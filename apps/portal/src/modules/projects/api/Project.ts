import type { GetResponse } from '../../../api/GetResponse';
import type { paths } from '../../../api/schema.gen';

export type Project = GetResponse<'/api/v1/projects/{projectId}'>;
export type ProjectStatus = Project['status'];
export type CreateProjectBody = paths['/api/v1/projects']['post']['requestBody']['content']['application/json'];
export type UpdateProjectBody = paths['/api/v1/projects/{projectId}']['patch']['requestBody']['content']['application/json'];
