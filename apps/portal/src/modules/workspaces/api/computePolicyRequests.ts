import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { paths } from '../../../api/schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ScheduleState = Json<paths['/api/v1/projects/{projectId}/schedule']['get']['responses'][200]>;
export type ScheduleInput = NonNullable<paths['/api/v1/projects/{projectId}/schedule']['put']['requestBody']>['content']['application/json'];
export type ScheduledRun = ScheduleState['nextRuns'][number];
export type IdlePolicyState = Json<paths['/api/v1/projects/{projectId}/idle-policy']['get']['responses'][200]>;
export type IdlePolicyInput = NonNullable<paths['/api/v1/projects/{projectId}/idle-policy']['put']['requestBody']>['content']['application/json'];

const path = (projectId: string) => ({ params: { path: { projectId } } });

export const fetchSchedule = async (client: ApiClient, projectId: string) => expectData(await client.GET('/api/v1/projects/{projectId}/schedule', path(projectId)));
export const saveSchedule = async (client: ApiClient, projectId: string, body: ScheduleInput) =>
  expectData(await client.PUT('/api/v1/projects/{projectId}/schedule', { ...path(projectId), body }));
export const previewSchedule = async (client: ApiClient, projectId: string, body: ScheduleInput) =>
  expectData(await client.POST('/api/v1/projects/{projectId}/schedule/preview', { ...path(projectId), body })).nextRuns;
export const fetchIdlePolicy = async (client: ApiClient, projectId: string) => expectData(await client.GET('/api/v1/projects/{projectId}/idle-policy', path(projectId)));
export const saveIdlePolicy = async (client: ApiClient, projectId: string, body: IdlePolicyInput) =>
  expectData(await client.PUT('/api/v1/projects/{projectId}/idle-policy', { ...path(projectId), body }));
