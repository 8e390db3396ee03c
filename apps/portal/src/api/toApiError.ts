import { ApiError } from './ApiError';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps an error response to ApiError. Bodies that follow the API's `{ code, message, details }`
 * contract keep their fields; anything else (a proxy's HTML page, an empty body) still gets a
 * stable code so the UI never has to guess.
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string') {
    const details = isRecord(body['details']) ? body['details'] : null;
    return new ApiError(status, body['code'], body['message'], details);
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered with status ${status} and no error details.`);
}
