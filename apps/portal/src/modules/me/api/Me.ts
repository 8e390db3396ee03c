import type { GetResponse } from '../../../api/GetResponse';

export type Me = GetResponse<'/api/v1/me'>;
export type ProjectMembership = Me['projects'][number];
export type ProjectRole = ProjectMembership['roles'][number];
