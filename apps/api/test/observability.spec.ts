import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTracing, type Tracing } from '@cloister/adapters';
import { type OtlpCollector, spanAttribute, startOtlpCollector } from '@cloister/adapters/testing';
import { loadApiConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import type { Db } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../src/core/tokens';
import { closeApiApp, createApiApp } from '../src/create-app';

type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/** The API's logs, traces and unexpected-error answers, observed on a real API with a log sink and a collector. */
describe('API observability', () => {
  let dataDir: string;
  let stack: LocalStack;
  let app: NestExpressApplication;
  let tracing: Tracing;
  let collector: OtlpCollector;
  const logs: LogLine[] = [];
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-api-obs-'));
    collector = await startOtlpCollector();
    tracing = await startTracing('cloister-api-test', collector.url);
    const apiPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort, idpPort: await freePort(), workerPort: await freePort() });
    const logger = pino({ level: 'info' }, { write: (line: string) => { logs.push(JSON.parse(line) as LogLine); } });
    app = await createApiApp(loadApiConfig(stack.apiEnv({ LOG_LEVEL: 'info' })), logger);
    await app.listen(apiPort, '127.0.0.1');
    url = stack.apiUrl;
  });
  afterAll(async () => {
    await closeApiApp(app).catch(() => undefined);
    await tracing.shutdown();
    await stack.stop();
    await collector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs each request as one JSON line with its request id, and no token', async () => {
    const res = await fetch(`${url}/api/v1/projects?secret=code`, { headers: { 'x-request-id': 'obs-probe-1', authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('obs-probe-1');
    const line = logs.find((l) => (l['req'] as { id?: string } | undefined)?.id === 'obs-probe-1');
    expect(line).toMatchObject({ req: { id: 'obs-probe-1', method: 'GET', path: '/api/v1/projects' }, res: { status: 401 } });
    expect(JSON.stringify(line)).not.toMatch(/not-a-token|secret=code/);
  });

  it('traces each request as a server span named by its route, carrying the request id', async () => {
    await fetch(`${url}/api/v1/projects`, { headers: { 'x-request-id': 'obs-probe-2' } });
    await tracing.shutdown();
    const span = collector.spans.find((s) => spanAttribute(s, 'cloister.request_id') === 'obs-probe-2');
    expect(span?.name).toBe('GET /api/v1/projects');
    // SpanKind.SERVER is 2 in OTLP.
    expect(span?.kind).toBe(2);
    expect(spanAttribute(span, 'http.response.status_code')).toBe(401);
  });

  it('answers an unexpected error with 500 and a logged error id, never a stack trace', async () => {
    const token = (await (await fetch(`${url}/api/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'pi@example.org' }) })).json()) as { access_token: string };
    // Pulling the database away makes the next authenticated request fail in a way no code path expects.
    await app.get<Db>(DATABASE).destroy();
    const res = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token.access_token}`, 'x-request-id': 'obs-probe-3' } });
    const text = await res.text();
    expect(res.status).toBe(500);
    const body = JSON.parse(text) as { code: string; message: string; details: { errorId: string } };
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message']);
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', details: { errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(text).not.toMatch(/\bat \S+ \(|destroyed|kysely/i);
    const logged = logs.find((l) => l['errorId'] === body.details.errorId);
    expect(logged).toMatchObject({ msg: 'unexpected error', requestId: 'obs-probe-3', level: 50 });
    expect((logged?.['err'] as { stack?: string } | undefined)?.stack).toContain('Error');
  });
});
