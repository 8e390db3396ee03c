import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { ProjectPage } from './ProjectPage';

/** One page of projects; pass the previous page's nextCursor to continue. */
export async function fetchProjects(client: ApiClient, cursor: string | null): Promise<ProjectPage> {
  return expectData(await client.GET('/api/v1/projects', { params: { query: cursor === null ? {} : { cursor } } }));
}
