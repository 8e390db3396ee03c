/** Roles a user holds inside one project. A user may hold several (within separation-of-duties rules). */
export const PROJECT_ROLES = ['project_admin', 'data_owner', 'researcher', 'output_checker'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const isProjectRole = (value: string): value is ProjectRole => (PROJECT_ROLES as readonly string[]).includes(value);

/** Who is acting: a signed-in user with an optional platform role and their memberships, looked up per request. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly isPlatformAdmin: boolean;
}
