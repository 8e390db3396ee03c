import { describe, expect, it } from 'vitest';
import { checkersForNewTier } from '../tierRules';
import { toCreateProjectBody, validateCreateProject, validateProjectSettings, type CreateProjectValues } from './projectForms';

const valid: CreateProjectValues = { name: 'Cancer cohort', description: '', tier: '3', checkersRequired: '2', adminEmails: ['pi@example.org'] };

describe('validateProjectSettings', () => {
  it('accepts values within the tier’s bounds', () => {
    expect(validateProjectSettings(valid)).toEqual({});
  });

  it('mirrors the API: a name is required and at most 120 characters', () => {
    expect(validateProjectSettings({ ...valid, name: '   ' })).toEqual({ name: 'must not be empty' });
    expect(validateProjectSettings({ ...valid, name: 'x'.repeat(121) })).toEqual({ name: 'must be at most 120 characters' });
  });

  it.each([
    ['0', '1', null],
    ['2', '3', null],
    ['2', '4', 'tier 2 needs between 1 and 3 distinct output checkers, got 4'],
    ['3', '1', 'tier 3 needs between 2 and 4 distinct output checkers, got 1'],
    ['3', '4', null],
    ['4', '5', null],
    ['4', '6', 'tier 4 needs between 2 and 5 distinct output checkers, got 6'],
  ])('tier %s with %s checkers → %s', (tier, checkersRequired, message) => {
    expect(validateProjectSettings({ ...valid, tier, checkersRequired }).checkersRequired ?? null).toBe(message);
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

describe('checkersForNewTier', () => {
  it('keeps a number the new tier allows, else takes its default', () => {
    expect(checkersForNewTier(3, 3)).toBe(3);
    expect(checkersForNewTier(3, 1)).toBe(2);
    expect(checkersForNewTier(1, 4)).toBe(1);
  });
});
