import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, verifyWebhookSignature, WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@cloister/adapters';
import { loadWorkerConfig } from '@cloister/config';
import type { NotifierPort } from '@cloister/domain';
import { freePort, type LocalStack, startLocalStack } from '@cloister/local-stack';
import { createDatabase, type Db, DevMailboxRepository, NotificationDeliveriesRepository, NotificationsRepository, seedDemoData, UsersRepository } from '@cloister/persistence';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFIER } from '../src/core-tokens';
import { closeWorkerApp, createWorkerApp } from '../src/create-worker';
import { until } from '@cloister/local-stack/testing';

const SECRET = 'test-webhook-secret-0123456789';

interface Received { headers: IncomingHttpHeaders; body: string; status: number }

/** A real HTTP receiver that answers from a script of statuses (then 200) and records every call. */
async function startReceiver(statuses: number[]): Promise<{ url: string; calls: Received[]; server: Server }> {
  const calls: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?sig=trigger-sas`, calls, server };
}


describe('notifications through the worker', () => {
  let dataDir: string;
  let stack: LocalStack;
  let worker: NestExpressApplication;
  let db: Db;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cloister-notify-'));
    receiver = await startReceiver([500]);
    const workerPort = await freePort();
    stack = await startLocalStack({ dataDir, ephemeral: true, apiPort: await freePort(), idpPort: await freePort(), workerPort });
    const config = loadWorkerConfig(stack.workerEnv({ LOG_LEVEL: 'silent', WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET }));
    worker = await createWorkerApp(config, createLogger('silent', 'worker-test'));
    await worker.listen(workerPort, '127.0.0.1');
    db = createDatabase(stack.databaseUrl, 2);
    await seedDemoData(db);
  });
  afterAll(async () => {
    await db?.destroy();
    if (worker) await closeWorkerApp(worker);
    await stack?.stop();
    await new Promise((r) => receiver?.server.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('notifies in-app, by email into the dev mailbox, and by a signed webhook retried after a 500', async () => {
    const users = new UsersRepository(db);
    const checker = (await users.findByEmail('checker1@example.org'))!;
    const researcher = (await users.findByEmail('researcher@example.org'))!;
    const notifier = worker.get<NotifierPort>(NOTIFIER);
    const n = {
      recipients: [checker.id, researcher.id], subject: 'Export awaits review', body: 'Request "Table 1" is ready for review.', projectId: null,
      link: '/exports/req-1', kind: 'export.in_review', details: { requestId: 'req-1' }, idempotencyKey: 'export:req-1:in_review',
    };
    await notifier.send(n);
    // A retried job sending the same notification again adds nothing anywhere.
    await notifier.send(n);

    const inApp = await new NotificationsRepository(db).listForUser(checker.id, { limit: 10, offset: 0, unreadOnly: false });
    expect(inApp.items.filter((i) => i.kind === 'export.in_review')).toHaveLength(1);

    const mailbox = new DevMailboxRepository(db);
    const mails = await until(() => mailbox.list({ limit: 10 }), (m) => m.length >= 2, 'both emails in the dev mailbox');
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['checker1@example.org', 'researcher@example.org']);
    expect(mails.every((m) => m.subject === '[Cloister] Export awaits review' && m.to.length === 1)).toBe(true);

    const deliveries = new NotificationDeliveriesRepository(db);
    const [hook] = await until(() => deliveries.list({ channel: 'webhook', limit: 10 }), (d) => d[0]?.status === 'delivered', 'the webhook delivery');
    expect(hook).toMatchObject({ attempts: 2, status: 'delivered' });
    expect(receiver.calls.map((c) => c.status)).toEqual([500, 200]);
    for (const call of receiver.calls) {
      const ts = String(call.headers[WEBHOOK_TIMESTAMP_HEADER]);
      expect(verifyWebhookSignature(SECRET, ts, call.body, String(call.headers[WEBHOOK_SIGNATURE_HEADER]))).toBe(true);
      expect(call.headers[WEBHOOK_DELIVERY_HEADER]).toBe(hook!.id);
    }
    expect(verifyWebhookSignature('another-secret-of-some-length', String(receiver.calls[0]!.headers[WEBHOOK_TIMESTAMP_HEADER]), receiver.calls[0]!.body, String(receiver.calls[0]!.headers[WEBHOOK_SIGNATURE_HEADER]))).toBe(false);
    const [event] = JSON.parse(receiver.calls[1]!.body) as [{ id: string; eventType: string; data: { link: string; recipients: { email: string }[]; details: unknown } }];
    expect(event).toMatchObject({ id: hook!.id, eventType: 'Cloister.export.in_review', data: { link: `${stack.apiUrl}/exports/req-1`, details: { requestId: 'req-1' } } });
    expect(event.data.recipients.map((r) => r.email).sort()).toEqual(['checker1@example.org', 'researcher@example.org']);
  });
});
