import { describe, expect, it } from 'vitest';
import { auditQueryOf, emptyAuditFilters, localDateTimeToIso, validateAuditFilters } from './auditFilters';

describe('audit filters', () => {
  it('requires a project for project admins only', () => {
    expect(validateAuditFilters(emptyAuditFilters, { projectRequired: true })).toEqual({ projectId: 'choose one of your projects' });
    expect(validateAuditFilters(emptyAuditFilters, { projectRequired: false })).toEqual({});
  });

  it('checks the actor id is a UUID and the range is in order', () => {
    const errors = validateAuditFilters({ ...emptyAuditFilters, actorId: 'bob', from: '2025-03-02T10:00', to: '2025-03-01T10:00' }, { projectRequired: false });
    expect(errors).toEqual({ actorId: 'must be a UUID', to: 'must not be before "From"' });
  });

  it('sends local date-times as ISO instants and leaves out empty filters', () => {
    const query = auditQueryOf({ ...emptyAuditFilters, projectId: 'p-1', action: ' project.created ', from: '2025-03-01T09:30' });
    expect(query).toEqual({ projectId: 'p-1', action: 'project.created', from: new Date('2025-03-01T09:30').toISOString() });
    expect(localDateTimeToIso('yesterday')).toBeNull();
  });
});
