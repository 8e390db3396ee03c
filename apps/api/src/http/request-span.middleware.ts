import { cloisterTracer } from '@cloister/adapters';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Response } from 'express';
import type { CloisterRequest } from '../core/request-context';

/**
 * One server span per request, active while the request is handled, named by its route once routing matched
 * (`GET /api/v1/projects/:projectId`) so ids never become span names. Carries the request id to join logs and traces.
 */
export function requestSpan(req: CloisterRequest, res: Response, next: NextFunction): void {
  const span = cloisterTracer().startSpan(req.method, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': req.method, 'cloister.request_id': req.id },
  });
  let ended = false;
  // 'finish' when the response was sent; 'close' alone when the client went away first.
  const end = () => {
    if (ended) return;
    ended = true;
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof route === 'string') {
      span.updateName(`${req.method} ${req.baseUrl}${route}`);
      span.setAttribute('http.route', `${req.baseUrl}${route}`);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(context.active(), span), next);
}
