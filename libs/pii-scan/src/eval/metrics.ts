/**
 * Span-level evaluation in the manner of presidio-evaluator's SpanEvaluator: spans are matched by character
 * IoU; same type and IoU >= threshold is a true positive; a different type at IoU >= threshold counts as a
 * false negative for the gold type and a false positive for the predicted type; any other prediction is a false
 * positive and any unmatched gold span a false negative. F-beta with beta = 2 weights recall.
 */
import type { Entity } from '../types';
import type { GoldSpan } from './generator';

export interface PredSpan {
  entity: Entity;
  start: number;
  end: number;
  score: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalResult {
  threshold: number;
  perEntity: Map<string, Counts>;
  overall: Counts;
  /** Types ignored: any predicted PII span matching a gold PII span. */
  anyPii: Counts;
  negatives: { total: number; hit: number; byKind: Map<string, { total: number; hit: number }> };
  personOov: { total: number; found: number };
  personInLexicon: { total: number; found: number };
}

const iou = (a: { start: number; end: number }, b: { start: number; end: number }) => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
};

export function newResult(threshold: number): EvalResult {
  return {
    threshold,
    perEntity: new Map(),
    overall: { tp: 0, fp: 0, fn: 0 },
    anyPii: { tp: 0, fp: 0, fn: 0 },
    negatives: { total: 0, hit: 0, byKind: new Map() },
    personOov: { total: 0, found: 0 },
    personInLexicon: { total: 0, found: 0 },
  };
}

function bump(m: Map<string, Counts>, e: string, k: keyof Counts) {
  const c = m.get(e) ?? { tp: 0, fp: 0, fn: 0 };
  c[k]++;
  m.set(e, c);
}

export function scoreDocument(res: EvalResult, gold: readonly GoldSpan[], pred: readonly PredSpan[]): void {
  const g = gold.filter((s) => s.entity !== 'NEGATIVE');
  const negs = gold.filter((s) => s.entity === 'NEGATIVE');
  // hard negatives: any overlapping prediction is a false positive on a negative
  for (const n of negs) {
    res.negatives.total++;
    const k = res.negatives.byKind.get(n.kind ?? '?') ?? { total: 0, hit: 0 };
    k.total++;
    if (pred.some((p) => p.start < n.end && n.start < p.end)) {
      res.negatives.hit++;
      k.hit++;
    }
    res.negatives.byKind.set(n.kind ?? '?', k);
  }
  // typed matching: greedy by IoU
  const pairs: { gi: number; pi: number; v: number }[] = [];
  g.forEach((gs, gi) => pred.forEach((ps, pi) => {
    const v = iou(gs, ps);
    if (v > 0) pairs.push({ gi, pi, v });
  }));
  pairs.sort((a, b) => b.v - a.v);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  for (const p of pairs) {
    if (gUsed.has(p.gi) || pUsed.has(p.pi) || p.v < res.threshold) continue;
    gUsed.add(p.gi);
    pUsed.add(p.pi);
    const ge = g[p.gi]!.entity;
    const pe = pred[p.pi]!.entity;
    res.anyPii.tp++;
    if (ge === pe) {
      bump(res.perEntity, ge, 'tp');
      res.overall.tp++;
    } else {
      bump(res.perEntity, ge, 'fn');
      bump(res.perEntity, pe, 'fp');
      res.overall.fn++;
      res.overall.fp++;
    }
  }
  g.forEach((gs, gi) => {
    if (!gUsed.has(gi)) {
      bump(res.perEntity, gs.entity, 'fn');
      res.overall.fn++;
      res.anyPii.fn++;
    }
    if (gs.entity === 'PERSON') {
      const bucket = gs.oov ? res.personOov : res.personInLexicon;
      bucket.total++;
      if (gUsed.has(gi) && pairs.some((p) => p.gi === gi && pUsed.has(p.pi) && pred[p.pi]!.entity === 'PERSON' && p.v >= res.threshold)) bucket.found++;
    }
  });
  pred.forEach((ps, pi) => {
    if (!pUsed.has(pi)) {
      bump(res.perEntity, ps.entity, 'fp');
      res.overall.fp++;
      res.anyPii.fp++;
    }
  });
}

export function prf(c: Counts): { p: number; r: number; f2: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : c.fn ? 0 : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f2 = p + r ? (5 * p * r) / (4 * p + r) : 0;
  return { p, r, f2 };
}
