/** Every failed API call surfaces as this, so screens can show the API's own message and code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | null;

  constructor(status: number, code: string, message: string, details: Readonly<Record<string, unknown>> | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The support reference the API attaches to 500s, when present. */
  get errorId(): string | null {
    const id = this.details?.['errorId'];
    return typeof id === 'string' ? id : null;
  }
}
