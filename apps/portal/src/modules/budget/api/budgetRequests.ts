import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { paths } from '../../../api/schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Spend = Json<paths['/api/v1/projects/{projectId}/budget/spend']['get']['responses'][200]>;
export type BudgetInput = NonNullable<paths['/api/v1/projects/{projectId}/budget']['put']['requestBody']>['content']['application/json'];

const path = (projectId: string) => ({ params: { path: { projectId } } });
export const fetchSpend = async (client: ApiClient, projectId: string) => expectData(await client.GET('/api/v1/projects/{projectId}/budget/spend', path(projectId)));
export const saveBudget = async (client: ApiClient, projectId: string, body: BudgetInput) => expectData(await client.PUT('/api/v1/projects/{projectId}/budget', { ...path(projectId), body }));
