import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError';
import { apiFieldErrors, formKeyOfApiField } from './apiFieldErrors';

const validation = (fields: { field: string; message: string }[]) =>
  new ApiError(400, 'VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });

describe('formKeyOfApiField', () => {
  it('drops the request part and turns indexes into path segments', () => {
    expect(formKeyOfApiField('body.name')).toBe('name');
    expect(formKeyOfApiField('body.adminEmails[0]')).toBe('adminEmails.0');
    expect(formKeyOfApiField('query.from')).toBe('from');
    expect(formKeyOfApiField('checkersRequired')).toBe('checkersRequired');
    expect(formKeyOfApiField('body')).toBe('');
  });
});

describe('apiFieldErrors', () => {
  const fields = ['name', 'tier', 'checkersRequired', 'adminEmails', 'adminEmails.*'];

  it('places each validation error on its field, indexed list items on their row', () => {
    const error = validation([
      { field: 'body.name', message: 'must not be empty' },
      { field: 'body.adminEmails[1]', message: 'must be a valid email address' },
    ]);
    expect(apiFieldErrors(error, fields)).toEqual({
      fieldErrors: { name: 'must not be empty', 'adminEmails.1': 'must be a valid email address' },
      formError: null,
    });
  });

  it('puts a list-level error on the list', () => {
    const error = validation([{ field: 'body.adminEmails', message: 'must name at least one project admin' }]);
    expect(apiFieldErrors(error, fields).fieldErrors).toEqual({ adminEmails: 'must name at least one project admin' });
  });

  it('keeps errors on unknown fields as the form error', () => {
    const error = validation([
      { field: 'body.name', message: 'must not be empty' },
      { field: 'body.colour', message: 'unknown field(s) colour' },
    ]);
    const result = apiFieldErrors(error, fields);
    expect(result.fieldErrors).toEqual({ name: 'must not be empty' });
    expect(result.formError).toBe(error);
  });

  it('places a domain error naming details.field, without the field prefix of its message', () => {
    const error = new ApiError(400, 'CHECKERS_OUT_OF_RANGE', 'checkersRequired: tier 3 needs between 2 and 4 distinct output checkers, got 1', {
      field: 'checkersRequired',
      min: 2,
      max: 4,
    });
    expect(apiFieldErrors(error, fields)).toEqual({
      fieldErrors: { checkersRequired: 'tier 3 needs between 2 and 4 distinct output checkers, got 1' },
      formError: null,
    });
  });

  it('leaves errors without a field, and non-API errors, to the form', () => {
    const lastAdmin = new ApiError(409, 'LAST_PROJECT_ADMIN', 'a project must keep at least one project admin', null);
    expect(apiFieldErrors(lastAdmin, fields)).toEqual({ fieldErrors: {}, formError: lastAdmin });
    const network = new Error('offline');
    expect(apiFieldErrors(network, fields)).toEqual({ fieldErrors: {}, formError: network });
  });
});
