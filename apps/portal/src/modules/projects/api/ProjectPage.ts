import type { GetResponse } from '../../../api/GetResponse';

export type ProjectPage = GetResponse<'/api/v1/projects'>;
export type ProjectSummary = ProjectPage['items'][number];
