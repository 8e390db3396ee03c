// A FAKE of the one Azure Storage call the user-delegation SAS path makes (Get User Delegation Key), plugged into the
// real SDK as its HTTP client. Azurite cannot serve it (it needs OAuth over HTTPS).
import { createHttpHeaders } from '@azure/core-rest-pipeline';
import { type CompatResponse, toHttpHeadersLike, type WebResourceLike } from '@azure/core-http-compat';

export interface RecordedStorageRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Implements the storage SDK's (core-http-compat) HTTP client shape. */
export class FakeBlobDelegationService {
  readonly requests: RecordedStorageRequest[] = [];

  constructor(private readonly expectedToken: string, readonly keyValue = Buffer.alloc(32, 7).toString('base64')) {}

  async sendRequest(request: WebResourceLike): Promise<CompatResponse> {
    const body = typeof request.body === 'string' ? request.body : '';
    const authorization = request.headers.get('authorization') ?? undefined;
    this.requests.push({ method: request.method, url: request.url, authorization, body });
    const url = new URL(request.url);
    const reply = (status: number, xml: string): CompatResponse => ({
      request, status, bodyAsText: xml, headers: toHttpHeadersLike(createHttpHeaders({ 'content-type': 'application/xml', 'x-ms-request-id': 'fake', 'x-ms-version': '2025-01-05' })),
    });
    if (authorization !== `Bearer ${this.expectedToken}`) return reply(403, '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>bad token</Message></Error>');
    if (request.method === 'POST' && url.searchParams.get('restype') === 'service' && url.searchParams.get('comp') === 'userdelegationkey') {
      const start = /<Start>([^<]+)<\/Start>/.exec(body)?.[1] ?? '';
      const expiry = /<Expiry>([^<]+)<\/Expiry>/.exec(body)?.[1] ?? '';
      return reply(200, `<?xml version="1.0" encoding="utf-8"?><UserDelegationKey><SignedOid>11111111-1111-1111-1111-111111111111</SignedOid><SignedTid>22222222-2222-2222-2222-222222222222</SignedTid><SignedStart>${start}</SignedStart><SignedExpiry>${expiry}</SignedExpiry><SignedService>b</SignedService><SignedVersion>2025-01-05</SignedVersion><Value>${this.keyValue}</Value></UserDelegationKey>`);
    }
    return reply(404, '<?xml version="1.0" encoding="utf-8"?><Error><Code>ResourceNotFound</Code><Message>not faked</Message></Error>');
  }
}
