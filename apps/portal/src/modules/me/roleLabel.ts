import type { ProjectRole } from './api/Me';

const labels: Record<ProjectRole, string> = {
  project_admin: 'Project admin',
  data_owner: 'Data owner',
  researcher: 'Researcher',
  output_checker: 'Output checker',
};

export function roleLabel(role: ProjectRole): string {
  return labels[role];
}
