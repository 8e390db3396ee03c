import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { Me } from './Me';

export async function fetchMe(client: ApiClient): Promise<Me> {
  return expectData(await client.GET('/api/v1/me'));
}
