// An in-process FAKE of the Azure Key Vault secrets REST API: set and get a secret, with Key Vault's
// challenge-based authentication (an unauthenticated request gets 401 + WWW-Authenticate naming the resource) and
// RBAC refusals (403 ForbiddenByRbac). Plugged into the real @azure/keyvault-secrets SDK as its HttpClient (no
// socket, so the bearer-token policy still sees https), and served over plain HTTP for clients that use fetch
// (the workspace agent), sharing one store per vault.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

/** What a bearer token may do in the fake: Key Vault Secrets Officer (read and write), Secrets User (read), or nothing (a valid token without a role). */
export type FakeKeyVaultRole = 'secrets-officer' | 'secrets-user' | 'none';

export interface FakeKeyVaultRequest {
  readonly method: string;
  /** Vault origin, e.g. `https://kv-sample.vault.azure.net`. */
  readonly vault: string;
  readonly path: string;
  readonly apiVersion: string | null;
  readonly authorization: string | null;
}

interface FakeSecretVersion {
  readonly version: string;
  readonly value: string;
  readonly contentType: string | null;
  readonly created: number;
}

interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const SECRET_PATH = /^\/secrets\/([0-9a-zA-Z-]{1,127})(?:\/([0-9a-f]{32})?)?\/?$/;
const error = (status: number, code: string, message: string, inner?: string): FakeResponse => ({
  status, body: { error: { code, message, ...(inner && { innererror: { code: inner } }) } },
});

export class FakeKeyVault implements HttpClient {
  readonly requests: FakeKeyVaultRequest[] = [];
  /** Secret versions per vault origin and secret name, oldest first. */
  private readonly vaults = new Map<string, Map<string, FakeSecretVersion[]>>();
  private readonly servers: Server[] = [];
  private nextVersion = 1;

  /** @param tokens bearer tokens the fake accepts, each with the role its principal holds on every vault. */
  constructor(private readonly tokens: Readonly<Record<string, FakeKeyVaultRole>>) {}

  /** The current value of a secret, or undefined; for assertions. */
  secretValue(vaultUri: string, name: string): string | undefined {
    return this.vaults.get(new URL(vaultUri).origin)?.get(name)?.at(-1)?.value;
  }

  /** How many versions a secret has; for assertions that a write replaced rather than kept. */
  versionCount(vaultUri: string, name: string): number {
    return this.vaults.get(new URL(vaultUri).origin)?.get(name)?.length ?? 0;
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const body = typeof request.body === 'string' ? request.body : null;
    const res = this.handle(request.method, new URL(request.url), request.headers.get('authorization') ?? null, body);
    return {
      request, status: res.status, bodyAsText: res.body === undefined ? '' : JSON.stringify(res.body),
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', ...res.headers }),
    };
  }

  /** Serves one vault over plain HTTP on 127.0.0.1 (a free port); resolves with its base URL. */
  async listen(vaultUri: string): Promise<string> {
    const origin = new URL(vaultUri).origin;
    const server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const url = new URL(req.url ?? '/', origin);
        const r = this.handle(req.method ?? 'GET', url, req.headers.authorization ?? null, body);
        res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
        res.end(r.body === undefined ? '' : JSON.stringify(r.body));
      });
    });
    this.servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((s) => new Promise<void>((done) => s.close(() => done()))));
  }

  private handle(method: string, url: URL, authorization: string | null, body: string | null): FakeResponse {
    const vault = url.origin;
    this.requests.push({ method, vault, path: url.pathname, apiVersion: url.searchParams.get('api-version'), authorization });
    if (!url.searchParams.get('api-version')) return error(400, 'BadParameter', 'The request URI contains an invalid or missing api-version.');
    // Key Vault answers an unauthenticated request with the challenge the SDK reads the token's resource from.
    const challenge = { 'www-authenticate': 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"' };
    if (!authorization) return { ...error(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'), headers: challenge };
    const role = this.tokens[authorization.replace(/^Bearer /, '')];
    if (!role) return { ...error(401, 'Unauthorized', 'AKV10032: Invalid issuer or token.'), headers: challenge };
    const m = SECRET_PATH.exec(url.pathname);
    if (!m) return error(400, 'BadParameter', `the fake serves /secrets/{name}[/{version}] only, not ${method} ${url.pathname}`);
    const [, name, version] = m as unknown as [string, string, string | undefined];
    const secrets = this.vaults.get(vault) ?? new Map<string, FakeSecretVersion[]>();
    this.vaults.set(vault, secrets);
    const forbidden = (action: string) => error(403, 'Forbidden', `Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/${action}/action'`, 'ForbiddenByRbac');
    if (method === 'PUT' && !version) {
      if (role !== 'secrets-officer') return forbidden('setSecret');
      let parsed: { value?: unknown; contentType?: unknown };
      try {
        parsed = JSON.parse(body ?? '') as typeof parsed;
      } catch {
        return error(400, 'BadParameter', 'The request body is not JSON.');
      }
      if (typeof parsed.value !== 'string') return error(400, 'BadParameter', 'Property value is required.');
      const created = { version: (this.nextVersion++).toString(16).padStart(32, '0'), value: parsed.value, contentType: typeof parsed.contentType === 'string' ? parsed.contentType : null, created: Math.floor(Date.now() / 1000) };
      secrets.set(name, [...(secrets.get(name) ?? []), created]);
      return { status: 200, body: bundle(vault, name, created) };
    }
    if (method === 'GET') {
      if (role !== 'secrets-officer' && role !== 'secrets-user') return forbidden('getSecret');
      const versions = secrets.get(name) ?? [];
      const found = version ? versions.find((v) => v.version === version) : versions.at(-1);
      if (!found) return error(404, 'SecretNotFound', `A secret with (name/id) ${name}${version ? `/${version}` : ''} was not found in this key vault.`);
      return { status: 200, body: bundle(vault, name, found) };
    }
    return error(405, 'MethodNotAllowed', `${method} is not served by the fake`);
  }
}

function bundle(vault: string, name: string, v: FakeSecretVersion) {
  return {
    value: v.value, id: `${vault}/secrets/${name}/${v.version}`, ...(v.contentType && { contentType: v.contentType }),
    attributes: { enabled: true, created: v.created, updated: v.created, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 }, tags: {},
  };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length === 0 ? null : Buffer.concat(chunks).toString('utf8');
}
