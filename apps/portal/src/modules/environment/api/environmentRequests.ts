import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { paths } from '../../../api/schema.gen';

export type Environment = paths['/api/v1/projects/{projectId}/environment']['get']['responses'][200]['content']['application/json'];

export async function fetchEnvironment(client: ApiClient, projectId: string): Promise<Environment> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/environment', { params: { path: { projectId } } }));
}
