import type { Me, ProjectRole } from '../modules/me/api/Me';

let counter = 0;

/** A /me body with one project per role list given, so tests state only what matters to them. */
export function makeMe(options: { isPlatformAdmin?: boolean; roles?: ProjectRole[][] } = {}): Me {
  const projects = (options.roles ?? []).map((roles) => {
    counter += 1;
    return {
      id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      name: `Project ${counter}`,
      tier: 2,
      status: 'active' as const,
      roles,
    };
  });
  return {
    id: '11111111-1111-4111-8111-111111111111',
    email: 'someone@example.org',
    displayName: 'Someone',
    isPlatformAdmin: options.isPlatformAdmin ?? false,
    projects,
  };
}
