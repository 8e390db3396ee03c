/** The one JSON shape every error response has. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown> | null;
}
