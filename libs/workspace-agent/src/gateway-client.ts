import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { AgentError, type AgentCredential } from './credential';

export interface StagedOutput {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly modifiedAt: string;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

// Time without any progress on the connection before the agent gives up.
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** Calls the secure gateway's agent routes with the project's workspace credential. */
export class GatewayClient {
  constructor(private readonly credential: AgentCredential, private readonly user: string) {}

  /** Streams one file to `path` of the user's export area; resolves with what the gateway recorded and the local digest. */
  async put(file: string, path: string, size: number): Promise<{ staged: StagedOutput; localSha256: string }> {
    const hash = createHash('sha256');
    const hashing = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); } });
    const source = createReadStream(file);
    source.on('error', (e) => hashing.destroy(e));
    const answer = await this.call('PUT', { path }, { stream: source.pipe(hashing), size });
    const staged = expectOk(answer, 201) as StagedOutput;
    return { staged, localSha256: hash.digest('hex') };
  }

  async list(): Promise<(StagedOutput & { contentType: string })[]> {
    return (expectOk(await this.call('GET', {}), 200) as { outputs: (StagedOutput & { contentType: string })[] }).outputs;
  }

  async remove(path: string): Promise<StagedOutput> {
    return (expectOk(await this.call('DELETE', { path }), 200) as { removed: StagedOutput }).removed;
  }

  private call(method: string, query: Record<string, string>, body?: { stream: NodeJS.ReadableStream; size: number }): Promise<Answer> {
    const url = new URL(`/agent/v1/projects/${encodeURIComponent(this.credential.projectId)}/outputs`, this.credential.gatewayUrl);
    for (const [k, v] of Object.entries({ ...query, user: this.user })) url.searchParams.set(k, v);
    const headers: Record<string, string> = { authorization: `Bearer ${this.credential.credential}`, accept: 'application/json', 'user-agent': 'cloister-agent/0.1', connection: 'close' };
    if (body) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': String(body.size) });
    return new Promise<Answer>((resolve, reject) => {
      let answered = false;
      const fail = (e: Error) => {
        if (!answered) reject(new AgentError(`${this.credential.gatewayUrl} failed: ${e.message}`));
      };
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error('no progress for 5 minutes')));
      req.on('error', fail);
      // The gateway may answer (e.g. 401, 400) before reading the whole body; that answer wins over a broken pipe.
      req.on('response', (res: IncomingMessage) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new AgentError(`${this.credential.gatewayUrl} failed: ${e.message}`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
          resolve({ status: res.statusCode ?? 0, body: parsed });
          // An early answer leaves the rest of the file unread: stop reading it.
          (body?.stream as { destroy?: () => void } | undefined)?.destroy?.();
        });
      });
      if (!body) {
        req.end();
        return;
      }
      body.stream.on('error', (e: Error) => {
        fail(e);
        req.destroy(e);
      });
      body.stream.pipe(req);
    });
  }
}

/** The answer's body when it has the expected status; otherwise the gateway's `{code, message}` as an AgentError. */
function expectOk(answer: Answer, status: number): unknown {
  if (answer.status === status) return answer.body;
  const b = answer.body as { code?: unknown; message?: unknown } | null;
  const detail = typeof b?.message === 'string' ? b.message : typeof answer.body === 'string' ? answer.body.slice(0, 200) : 'no details';
  const code = typeof b?.code === 'string' ? ` ${b.code}` : '';
  throw new AgentError(`gateway refused (${answer.status}${code}): ${detail}`);
}
