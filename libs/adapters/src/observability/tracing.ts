import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing, wired in every process. Spans are exported only when an OTLP endpoint is configured, so
 * by default nothing leaves the machine.
 */
export async function startTracing(serviceName: string, otlpEndpoint: string | undefined): Promise<Tracing> {
  const sdk = new NodeSDK({
    serviceName,
    ...(otlpEndpoint ? { traceExporter: new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) } : { spanProcessors: [] }),
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** The one tracer Cloister's own spans come from (requests in the API, jobs in the worker). */
export const cloisterTracer = () => trace.getTracer('cloister');

/** Runs `fn` in a span that is active for everything it awaits; a thrown error is recorded on the span and rethrown. */
export function withSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes }, fn: (span: Span) => Promise<T>): Promise<T> {
  return cloisterTracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes && { attributes: options.attributes }) }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e instanceof Error ? e : String(e));
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}
