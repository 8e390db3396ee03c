import type { GetResponse } from '../../../api/GetResponse';

export type ClientConfig = GetResponse<'/api/v1/client-config'>;
