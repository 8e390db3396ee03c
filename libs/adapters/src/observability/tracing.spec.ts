import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, withSpan } from './tracing';

interface OtlpSpan { name: string; kind: number; status?: { code?: number }; attributes: { key: string; value: Record<string, unknown> }[] }
interface OtlpExport { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }

/** A stand-in OTLP/HTTP collector: records what the exporter posts to /v1/traces. */
function startCollector(): Promise<{ server: Server; url: string; exports: OtlpExport[] }> {
  const exports: OtlpExport[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') exports.push(JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports })));
}

describe('tracing', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  beforeAll(async () => { collector = await startCollector(); });
  afterAll(() => new Promise<void>((r) => collector.server.close(() => r())));

  it('exports spans, with errors recorded, to the configured OTLP endpoint', async () => {
    const tracing = await startTracing('tracing-test', collector.url);
    expect(await withSpan('unit of work', { attributes: { 'cloister.test': 'yes' } }, async () => 42)).toBe(42);
    await expect(withSpan('failing work', {}, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await tracing.shutdown();

    const resourceSpans = collector.exports.flatMap((e) => e.resourceSpans);
    expect(resourceSpans[0]?.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'tracing-test' } });
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const ok = spans.find((s) => s.name === 'unit of work');
    expect(ok?.attributes).toContainEqual({ key: 'cloister.test', value: { stringValue: 'yes' } });
    // SpanStatusCode.ERROR is 2.
    expect(spans.find((s) => s.name === 'failing work')?.status?.code).toBe(2);
  });
});
