import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@cloister/adapters';
import { loadApiConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { createDatabase, type Db, seedDemoData } from '@cloister/persistence';
import { createTestDatabase, type DatabaseEngine, type TestDatabase } from '@cloister/persistence/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { closeApiApp, createApiApp } from '../src/create-app';

export interface ApiHarness {
  readonly url: string;
  readonly db: Db;
  readonly app: NestExpressApplication;
  readonly demoProjectId: string;
  readonly stack: LocalStack;
  readonly workerPort: number;
  token(email: string): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are arbitrary JSON; the assertions check their shape
  call(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/** A real API on a loopback port over real dependencies: PGlite or Postgres, Redis, Azurite and the local IdP. */
export async function startApiHarness(engine: DatabaseEngine = 'pglite'): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloister-api-'));
  let testDb: TestDatabase | undefined;
  if (engine === 'postgres') testDb = await createTestDatabase('postgres');
  const [apiPort, idpPort, workerPort] = [await freePort(), await freePort(), await freePort()];
  const stack = await startLocalStack({ dataDir, ephemeral: true, apiPort, idpPort, workerPort, ...(testDb && { databaseUrl: testDb.url }) });
  const config = loadApiConfig(stack.apiEnv({ LOG_LEVEL: 'silent', BODY_LIMIT: '64kb' }));
  const app = await createApiApp(config, createLogger('silent', 'api-test'));
  await app.listen(apiPort, '127.0.0.1');
  const db = createDatabase(stack.databaseUrl, 4);
  const { projectId } = await seedDemoData(db);
  const tokens = new Map<string, string>();

  const call: ApiHarness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${stack.apiUrl}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    let parsed: unknown = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };

  return {
    url: stack.apiUrl, db, app, demoProjectId: projectId, stack, workerPort, call,
    async token(email) {
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await call('POST', '/api/v1/dev/token', { body: { email } });
      if (res.status !== 200) throw new Error(`dev token for ${email}: ${res.status} ${res.text}`);
      tokens.set(email, res.body.access_token);
      return res.body.access_token as string;
    },
    async close() {
      await db.destroy();
      await closeApiApp(app);
      await stack.stop();
      await testDb?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

