import { TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { compactErrors, uuidProblem } from '../../ui/forms/validators';

/** The filter form as typed; date-times are `<input type="datetime-local">` values in the viewer's zone. */
export interface AuditFilterValues {
  projectId: string;
  action: string;
  actorId: string;
  from: string;
  to: string;
}

/** The API's names, so its `query.from`-style errors land on the right field. */
export const AUDIT_FILTER_FIELDS = ['projectId', 'action', 'actorId', 'from', 'to'] as const;

export const emptyAuditFilters: AuditFilterValues = { projectId: '', action: '', actorId: '', from: '', to: '' };

/** `2025-03-01T09:30` (local) → ISO 8601 with offset, or null when it is not a date-time. */
export function localDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function validateAuditFilters(values: AuditFilterValues, options: { projectRequired: boolean }): Record<string, string> {
  const from = values.from === '' ? null : localDateTimeToIso(values.from);
  const to = values.to === '' ? null : localDateTimeToIso(values.to);
  return compactErrors({
    projectId: options.projectRequired && values.projectId === '' ? 'choose one of your projects' : null,
    action: values.action.trim().length > TEXT_LIMITS.audit.actionFilter ? tooLongMessage(TEXT_LIMITS.audit.actionFilter) : null,
    actorId: values.actorId.trim() === '' ? null : uuidProblem(values.actorId),
    from: values.from !== '' && from === null ? 'must be an ISO 8601 date-time' : null,
    to: values.to !== '' && to === null ? 'must be an ISO 8601 date-time' : from !== null && to !== null && to < from ? 'must not be before "From"' : null,
  });
}

/** The query both the list and the export send; empty filters are left out. */
export function auditQueryOf(values: AuditFilterValues): { projectId?: string; action?: string; actorId?: string; from?: string; to?: string } {
  const from = values.from === '' ? null : localDateTimeToIso(values.from);
  const to = values.to === '' ? null : localDateTimeToIso(values.to);
  return {
    ...(values.projectId !== '' && { projectId: values.projectId }),
    ...(values.action.trim() !== '' && { action: values.action.trim() }),
    ...(values.actorId.trim() !== '' && { actorId: values.actorId.trim() }),
    ...(from !== null && { from }),
    ...(to !== null && { to }),
  };
}
