import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type ErrorKind } from '@cloister/domain';
import type { Response } from 'express';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, precondition_failed: 412, payload_too_large: 413, unavailable: 503,
};

/**
 * The gateway's errors as the API shapes them, `{code, message, details}`: domain errors keep their code, anything
 * unexpected is a 500 with a logged error id. Once bytes have been streamed the connection is cut instead.
 */
@Catch()
export class GatewayErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(body);
  }

  private toResponse(exception: unknown): [number, { code: string; message: string; details: Record<string, unknown> | null }] {
    if (exception instanceof DomainError) return [STATUS_BY_KIND[exception.kind], { code: exception.code, message: exception.message, details: exception.details }];
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return [exception.getStatus(), { code: 'HTTP_ERROR', message: exception.message, details: null }];
    }
    const errorId = randomUUID();
    this.logger.error(`unexpected error ${errorId}: ${exception instanceof Error ? exception.stack ?? exception.message : String(exception)}`);
    return [500, { code: 'INTERNAL_ERROR', message: 'Something went wrong on the secure side.', details: { errorId } }];
  }
}
