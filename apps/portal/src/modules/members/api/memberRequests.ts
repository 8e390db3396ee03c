import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { ProjectRole } from '../../me/api/Me';
import type { Member, MemberList } from './Member';

export async function fetchMembers(client: ApiClient, projectId: string): Promise<MemberList> {
  return expectData(await client.GET('/api/v1/projects/{projectId}/members', { params: { path: { projectId } } }));
}

export async function addMember(client: ApiClient, projectId: string, email: string, roles: ProjectRole[]): Promise<Member> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/members', { params: { path: { projectId } }, body: { email, roles } }));
}

export async function setMemberRoles(client: ApiClient, projectId: string, userId: string, roles: ProjectRole[]): Promise<Member> {
  return expectData(await client.PUT('/api/v1/projects/{projectId}/members/{userId}', { params: { path: { projectId, userId } }, body: { roles } }));
}

export async function removeMember(client: ApiClient, projectId: string, userId: string): Promise<void> {
  await client.DELETE('/api/v1/projects/{projectId}/members/{userId}', { params: { path: { projectId, userId } } });
}

export async function assignProjectAdmin(client: ApiClient, projectId: string, email: string): Promise<Member> {
  return expectData(await client.POST('/api/v1/projects/{projectId}/admins', { params: { path: { projectId } }, body: { email } }));
}
