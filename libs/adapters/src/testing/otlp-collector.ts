import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CollectedSpan {
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly status?: { code?: number };
  readonly attributes: readonly { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

export interface OtlpCollector {
  /** Base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  /** Service names and spans of every export received so far. */
  readonly services: string[];
  readonly spans: CollectedSpan[];
  close(): Promise<void>;
}

interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: CollectedSpan[] }[] }[];
}

/** A stand-in OpenTelemetry collector: records what the OTLP/HTTP (JSON) trace exporter posts to /v1/traces. */
export function startOtlpCollector(): Promise<OtlpCollector> {
  const services: string[] = [];
  const spans: CollectedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport;
        for (const r of body.resourceSpans) {
          const service = r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
          if (service) services.push(service);
          spans.push(...r.scopeSpans.flatMap((s) => s.spans));
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      services, spans,
      close: () => new Promise<void>((r) => server.close(() => r())),
    }));
  });
}

/** A span attribute's value (string or integer), or undefined. */
export function spanAttribute(span: CollectedSpan | undefined, key: string): string | number | undefined {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}
