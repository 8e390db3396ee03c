import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '@cloister/adapters';
import { loadApiConfig } from '@cloister/config';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApiApp, createApiApp } from '../src/create-app';
import { listRoutes } from '../src/http/route-inventory';

const apiMain = resolve(import.meta.dirname, '..', 'dist', 'main.js');

describe('POST /api/v1/dev/token outside local development', () => {
  let dataDir: string;
  let stack: LocalStack;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-api-azure-'));
    const apiPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort, idpPort: await freePort(), workerPort: await freePort() });
    // Azure mode as far as the route table goes: no shared key (storage would use the managed identity), no dev token.
    const config = loadApiConfig(stack.apiEnv({ CLOISTER_MODE: 'azure', PUBLIC_STORAGE_KEY: '', LOG_LEVEL: 'silent' }));
    expect(config.DEV_TOKEN_ENABLED).toBe(false);
    app = await createApiApp(config, createLogger('silent', 'api-azure-test'));
    await app.listen(apiPort, '127.0.0.1');
    url = stack.apiUrl;
  });
  afterAll(async () => {
    await closeApiApp(app);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not exist in azure mode: not routed, not documented, 404 to a caller', async () => {
    expect(listRoutes(app).map((r) => `${r.method} ${r.path}`)).not.toContain('POST /api/v1/dev/token');
    const doc = (await (await fetch(`${url}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/dev/token');
    const res = await fetch(`${url}/api/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.org' }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stops the API process at start under NODE_ENV=production while the route is enabled', () => {
    // `npm test` builds before it tests; the real entry point is what must refuse.
    expect(existsSync(apiMain), `${apiMain} (run npx tsc -b tsconfig.build.json)`).toBe(true);
    const env = { PATH: process.env['PATH'] ?? '', ...stack.apiEnv({ NODE_ENV: 'production', API_PORT: '1' }) };
    const run = spawnSync(process.execPath, [apiMain], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('DEV_TOKEN_ENABLED: refusing to enable the dev token route with NODE_ENV=production');
  });
});
