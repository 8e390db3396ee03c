import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { paths } from '../../../api/schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Workspace = Json<paths['/api/v1/projects/{projectId}/workspaces']['get']['responses'][200]>['items'][number];
export type MyWorkspace = Json<paths['/api/v1/workspaces/mine']['get']['responses'][200]>['items'][number];
export type WorkspaceSizes = Json<paths['/api/v1/projects/{projectId}/workspaces/sizes']['get']['responses'][200]>;
export type ConnectLink = Json<paths['/api/v1/projects/{projectId}/workspaces/{workspaceId}/connect']['post']['responses'][200]>;
export type NewWorkspace = NonNullable<paths['/api/v1/projects/{projectId}/workspaces']['post']['requestBody']>['content']['application/json'];
export type WorkspaceAction = 'start' | 'stop';

export async function fetchProjectWorkspaces(client: ApiClient, projectId: string) {
  return expectData(await client.GET('/api/v1/projects/{projectId}/workspaces', { params: { path: { projectId } } })).items;
}

export async function fetchMyWorkspaces(client: ApiClient) {
  return expectData(await client.GET('/api/v1/workspaces/mine')).items;
}

export async function fetchSizes(client: ApiClient, projectId: string) {
  return expectData(await client.GET('/api/v1/projects/{projectId}/workspaces/sizes', { params: { path: { projectId } } }));
}

export async function createWorkspace(client: ApiClient, projectId: string, body: NewWorkspace) {
  return expectData(await client.POST('/api/v1/projects/{projectId}/workspaces', { params: { path: { projectId } }, body }));
}

export async function changeWorkspace(client: ApiClient, projectId: string, workspaceId: string, action: WorkspaceAction) {
  const params = { path: { projectId, workspaceId } };
  return expectData(action === 'start'
    ? await client.POST('/api/v1/projects/{projectId}/workspaces/{workspaceId}/start', { params, body: {} })
    : await client.POST('/api/v1/projects/{projectId}/workspaces/{workspaceId}/stop', { params, body: {} }));
}

export async function connectWorkspace(client: ApiClient, projectId: string, workspaceId: string) {
  return expectData(await client.POST('/api/v1/projects/{projectId}/workspaces/{workspaceId}/connect', { params: { path: { projectId, workspaceId } }, body: {} }));
}
