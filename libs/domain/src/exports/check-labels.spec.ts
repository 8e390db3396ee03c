import { describe, expect, it } from 'vitest';
import { checkLabel, entityLabel } from './check-labels';

describe('check and identifier labels', () => {
  it('names known checks and identifier kinds in words', () => {
    expect(checkLabel('file_type')).toBe('File type');
    expect(entityLabel('UK_NHS')).toBe('NHS number');
    expect(entityLabel('PERSON')).toBe('Name');
  });

  it('turns a code it does not know into plain words rather than showing the code', () => {
    expect(checkLabel('some_new_check')).toBe('Some new check');
    expect(entityLabel('SG_NRIC')).toBe('Sg nric');
  });
});
