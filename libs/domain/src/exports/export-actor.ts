import type { ProjectRole } from '../users/roles';
import type { ExportActor } from './export-status';
import { type ExportRequestParties, reviewEligibility } from './review-eligibility';

/** Every capacity in which a person may act on a request; a project admin who requested it acts as both. */
export function exportActorsOf(person: { userId: string; roles: readonly ProjectRole[]; isPlatformAdmin: boolean }, request: ExportRequestParties): ExportActor[] {
  const actors: ExportActor[] = [];
  if (person.userId === request.requesterId) actors.push('requester');
  if (reviewEligibility(person, request).ok) actors.push('output_checker');
  if (person.roles.includes('project_admin')) actors.push('project_admin');
  return actors;
}
