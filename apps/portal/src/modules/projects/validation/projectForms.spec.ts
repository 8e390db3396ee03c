import { TEXT_LIMITS } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { toCreateProjectBody, validateCreateProject, validateProjectSettings, type CreateProjectValues } from './projectForms';

const valid: CreateProjectValues = { name: 'Cancer cohort', description: '', tier: '3', checkersRequired: '2', adminEmails: ['pi@example.org'] };

describe('validateProjectSettings', () => {
  it('accepts values within the tier’s bounds', () => {
    expect(validateProjectSettings(valid)).toEqual({});
  });

  it('says what the API would: a name is required and within the domain limit', () => {
    const max = TEXT_LIMITS.project.name;
    expect(validateProjectSettings({ ...valid, name: '   ' })).toEqual({ name: 'must not be empty' });
    expect(validateProjectSettings({ ...valid, name: 'x'.repeat(max) })).toEqual({});
    expect(validateProjectSettings({ ...valid, name: 'x'.repeat(max + 1) })).toEqual({ name: `must be at most ${max} characters` });
  });

  it('checks the number of checkers against the chosen tier', () => {
    expect(validateProjectSettings({ ...valid, tier: '3', checkersRequired: '1' }).checkersRequired).toBe('tier 3 needs between 2 and 4 distinct output checkers, got 1');
    expect(validateProjectSettings({ ...valid, tier: '1', checkersRequired: '1' }).checkersRequired).toBeUndefined();
  });

  it('wants a whole number of checkers', () => {
    expect(validateProjectSettings({ ...valid, checkersRequired: '' }).checkersRequired).toBe('must be a number');
    expect(validateProjectSettings({ ...valid, checkersRequired: '2.5' }).checkersRequired).toBe('must be a whole number');
  });
});

describe('validateCreateProject', () => {
  it('checks every admin email row, so API errors by index match the rows', () => {
    expect(validateCreateProject({ ...valid, adminEmails: ['pi@example.org', 'not-an-email', ''] })).toEqual({
      'adminEmails.1': 'must be a valid email address',
      'adminEmails.2': 'must not be empty',
    });
  });

  it('needs at least one project admin', () => {
    expect(validateCreateProject({ ...valid, adminEmails: [] })).toEqual({ adminEmails: 'must name at least one project admin' });
  });

  it('builds the request body from trimmed values', () => {
    expect(toCreateProjectBody({ ...valid, name: '  Cancer cohort ', adminEmails: [' pi@example.org '] })).toEqual({
      name: 'Cancer cohort',
      description: '',
      tier: 3,
      checkersRequired: 2,
      adminEmails: ['pi@example.org'],
    });
  });
});
