import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { ProjectPage } from './ProjectPage';

export async function fetchProjects(client: ApiClient): Promise<ProjectPage> {
  return expectData(await client.GET('/api/v1/projects'));
}
