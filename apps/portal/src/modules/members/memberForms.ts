import { PROJECT_ROLES, type ProjectRole } from '@cloister/domain';
import { compactErrors, emailProblem } from '../../ui/forms/validators';

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
