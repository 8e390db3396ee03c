import type { GetResponse } from '../../../api/GetResponse';

export type MemberList = GetResponse<'/api/v1/projects/{projectId}/members'>;
export type Member = MemberList['items'][number];
