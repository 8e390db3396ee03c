import type { ErrorKind } from './error-kind';

/** A failure with a stable, documented code that clients may rely on. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (code: string, message: string, details: Record<string, unknown> | null = null) =>
  new DomainError('validation', code, message, details);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const conflict = (code: string, message: string, details: Record<string, unknown> | null = null) =>
  new DomainError('conflict', code, message, details);
export const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);
export const preconditionFailed = (code: string, message: string, details: Record<string, unknown> | null = null) =>
  new DomainError('precondition_failed', code, message, details);
