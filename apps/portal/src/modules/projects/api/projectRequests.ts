import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { CreateProjectBody, Project, ProjectStatus, UpdateProjectBody } from './Project';

export async function fetchProject(client: ApiClient, projectId: string): Promise<Project> {
  return expectData(await client.GET('/api/v1/projects/{projectId}', { params: { path: { projectId } } }));
}

export async function createProject(client: ApiClient, body: CreateProjectBody): Promise<Project> {
  return expectData(await client.POST('/api/v1/projects', { body }));
}

export async function updateProject(client: ApiClient, projectId: string, body: UpdateProjectBody): Promise<Project> {
  return expectData(await client.PATCH('/api/v1/projects/{projectId}', { params: { path: { projectId } }, body }));
}

export async function transitionProject(client: ApiClient, projectId: string, to: ProjectStatus): Promise<Project> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/transitions', { params: { path: { projectId } }, body: { to } }));
}
