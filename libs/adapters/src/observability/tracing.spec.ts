import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpCollector, spanAttribute, startOtlpCollector } from '../testing/otlp-collector';
import { startTracing, withSpan } from './tracing';

describe('tracing', () => {
  let collector: OtlpCollector;
  beforeAll(async () => { collector = await startOtlpCollector(); });
  afterAll(() => collector.close());

  it('exports spans, with errors recorded, to the configured OTLP endpoint', async () => {
    const tracing = await startTracing('tracing-test', collector.url);
    expect(await withSpan('unit of work', { attributes: { 'cloister.test': 'yes' } }, async () => 42)).toBe(42);
    await expect(withSpan('failing work', {}, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await tracing.shutdown();

    expect(collector.services).toContain('tracing-test');
    expect(spanAttribute(collector.spans.find((s) => s.name === 'unit of work'), 'cloister.test')).toBe('yes');
    // SpanStatusCode.ERROR is 2.
    expect(collector.spans.find((s) => s.name === 'failing work')?.status?.code).toBe(2);
  });
});
