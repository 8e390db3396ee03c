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
