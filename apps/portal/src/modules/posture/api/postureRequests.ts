import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { paths } from '../../../api/schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Posture = Json<paths['/api/v1/posture']['get']['responses'][200]>;

/** One page of projects' posture (by name); pass the previous page's nextCursor to continue. */
export const fetchPosture = async (client: ApiClient, cursor: string | null) =>
  expectData(await client.GET('/api/v1/posture', { params: { query: cursor === null ? {} : { cursor } } }));
