import { compactErrors, emailProblem } from '../../ui/forms/validators';
import type { ProjectRole } from '../me/api/Me';

export const PROJECT_ROLES: readonly ProjectRole[] = ['project_admin', 'data_owner', 'researcher', 'output_checker'];

export interface InviteValues {
  email: string;
  roles: ProjectRole[];
}

export const INVITE_FIELDS = ['email', 'roles', 'roles.*'] as const;

export function validateInvite(values: InviteValues): Record<string, string> {
  return compactErrors({
    email: emailProblem(values.email),
    roles: values.roles.length === 0 ? 'must list at least one role' : null,
  });
}

/** Roles in the catalogue's order, whatever order they were ticked in. */
export function withRole(roles: readonly ProjectRole[], role: ProjectRole, held: boolean): ProjectRole[] {
  return PROJECT_ROLES.filter((candidate) => (candidate === role ? held : roles.includes(candidate)));
}
