import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type ErrorKind } from '@cloister/domain';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { CloisterRequest } from '../core/request-context';
import type { ErrorBody } from './error-body';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS',
};

/**
 * Maps every error to `{code, message, details}`. Domain errors keep their code; framework errors get a generic one;
 * anything unexpected is a 500 with an error id that is logged, never a stack trace.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<CloisterRequest>();
    const [status, body] = this.toResponse(exception, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(body);
  }

  private toResponse(exception: unknown, req: CloisterRequest): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      return [STATUS_BY_KIND[exception.kind], { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest turns body-parser's SyntaxError (and bad %-encodings) into a bare 400; their text may echo input.
      if (status === 400) {
        return /JSON/i.test(exception.message)
          ? [400, { code: 'MALFORMED_BODY', message: 'request body is not valid JSON', details: null }]
          : [400, { code: 'MALFORMED_REQUEST', message: 'the request could not be parsed', details: null }];
      }
      if (status < 500) {
        return [status, { code: CODE_BY_STATUS[status] ?? 'HTTP_ERROR', message: this.httpMessage(exception, req), details: null }];
      }
    }
    // body-parser errors are plain errors with a status (e.g. oversized or malformed JSON).
    const parserStatus = typeof exception === 'object' && exception !== null && 'status' in exception ? Number((exception as { status: unknown }).status) : NaN;
    if (parserStatus === 413) return [413, { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the limit', details: null }];
    if (parserStatus === 400) return [400, { code: 'MALFORMED_BODY', message: 'request body is not valid JSON', details: null }];
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, requestId: req.id }, 'unexpected error');
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.', details: { errorId } }];
  }

  private httpMessage(exception: HttpException, req: CloisterRequest): string {
    if (exception.getStatus() === 404) return `no route ${req.method} ${req.path}`;
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
}
