import { ApiError } from './ApiError';

/**
 * openapi-fetch types `data` as optional even on success; an empty 2xx where a body was
 * promised is a contract break, so it becomes an ApiError like any other failure.
 */
export function expectData<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new ApiError(result.response.status, 'EMPTY_RESPONSE', 'The server returned an empty response where data was expected.');
  }
  return result.data;
}
