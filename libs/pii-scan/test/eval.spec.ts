import { describe, expect, it } from 'vitest';
import { generate } from '../src/eval/generator';
import { newResult, prf, scoreDocument } from '../src/eval/metrics';
import { report, runEvaluation } from '../src/eval/main';

describe('synthetic evaluation set', () => {
  it('is deterministic for a seed and large enough', () => {
    const a = generate({ seed: 7, documents: 420 });
    const b = generate({ seed: 7, documents: 420 });
    expect(a.documents.map((d) => d.text)).toEqual(b.documents.map((d) => d.text));
    const spans = a.documents.flatMap((d) => d.spans);
    expect(spans.filter((s) => s.entity !== 'NEGATIVE').length).toBeGreaterThanOrEqual(2000);
    expect(spans.filter((s) => s.entity === 'NEGATIVE').length).toBeGreaterThan(500);
    for (const d of a.documents) for (const s of d.spans) expect(s.end).toBeGreaterThan(s.start);
  });

  it('scores spans by IoU the way SpanEvaluator does', () => {
    const r = newResult(0.5);
    scoreDocument(
      r,
      [
        { entity: 'PERSON', start: 0, end: 10 },
        { entity: 'UK_NHS', start: 20, end: 32 },
        { entity: 'EMAIL_ADDRESS', start: 40, end: 50 },
        { entity: 'NEGATIVE', start: 60, end: 65, kind: 'icd' },
      ],
      [
        { entity: 'PERSON', start: 0, end: 8, score: 1 }, // IoU 0.8: TP
        { entity: 'PHONE_NUMBER', start: 20, end: 32, score: 1 }, // wrong type: FN + FP
        { entity: 'URL', start: 61, end: 63, score: 1 }, // hits a negative: FP
      ],
    );
    expect(r.perEntity.get('PERSON')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(r.perEntity.get('UK_NHS')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(r.perEntity.get('PHONE_NUMBER')).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(r.overall).toEqual({ tp: 1, fp: 2, fn: 2 });
    expect(r.negatives).toMatchObject({ total: 1, hit: 1 });
    expect(prf({ tp: 8, fp: 2, fn: 2 }).f2).toBeCloseTo(0.8, 5);
  });

  it('meets the issue targets on the committed seed', async () => {
    const { results, docs, spans, negatives } = await runEvaluation(210);
    const r = report(results, spans, negatives, docs.length);
    const unmet = r.targets.filter((t) => !t.met).map((t) => `${t.name}: ${t.value}`);
    expect(unmet).toEqual([]);
  }, 60_000);
});
