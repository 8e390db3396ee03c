import type { ApiClient } from '../../../api/client';
import { expectData } from '../../../api/expectData';
import type { ClientConfig } from './ClientConfig';

/** Public call made before anyone is signed in: it tells the portal which IdP to use. */
export async function fetchClientConfig(client: ApiClient): Promise<ClientConfig> {
  return expectData(await client.GET('/api/v1/client-config'));
}
