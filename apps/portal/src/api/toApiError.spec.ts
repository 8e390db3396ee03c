import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError';
import { toApiError } from './toApiError';

describe('toApiError', () => {
  it('keeps code, message and details from a contract error body', () => {
    const error = toApiError(422, { code: 'PROJECT_NAME_TAKEN', message: 'name: a project with this name exists', details: { field: 'name' } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'PROJECT_NAME_TAKEN', message: 'name: a project with this name exists', details: { field: 'name' } });
  });

  it('exposes the errorId the API attaches to 500s', () => {
    const error = toApiError(500, { code: 'INTERNAL', message: 'Unexpected error', details: { errorId: 'err-42' } });
    expect(error.errorId).toBe('err-42');
  });

  it('treats null or non-object details as absent', () => {
    expect(toApiError(400, { code: 'BAD', message: 'bad', details: null }).details).toBeNull();
    expect(toApiError(400, { code: 'BAD', message: 'bad', details: 'text' }).details).toBeNull();
  });

  it('gives a stable code to bodies that do not follow the contract', () => {
    for (const body of [null, 'Bad Gateway', { error: 'x' }, { code: 1, message: 'm' }]) {
      const error = toApiError(502, body);
      expect(error).toMatchObject({ status: 502, code: 'HTTP_502', details: null });
      expect(error.errorId).toBeNull();
    }
  });
});
