// Turns a project's environment spec into the project template's parameter values. Both drivers use it,
// so local mode rejects the same mistakes (unknown parameters) that Azure would.
import { createHash } from 'node:crypto';
import type { ProjectEnvironmentSpec } from '@cloister/domain';

export class InvalidTemplateParametersError extends Error {
  override readonly name = 'InvalidTemplateParametersError';
}

/**
 * The template's `projectKey` is 3-8 lower-case letters and digits, and names resources shared with other projects
 * (the Data Factory's managed private endpoint, the hub's peerings), so it must differ between projects whose names
 * start alike: four characters of the name for people, then four of a hash of the whole slug (which carries the
 * project id) for uniqueness. Deterministic, so a redeploy reuses every name.
 */
export function projectKeyFromSlug(projectSlug: string): string {
  const readable = projectSlug.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 4);
  const unique = createHash('sha256').update(projectSlug).digest('hex');
  return `${readable}${unique}`.slice(0, 8);
}

/**
 * Parameter values for one deployment. Precedence: the spec's own parameters, then the platform's (a project may not
 * repoint diagnostics or the airlock factory), then the project identity (key and the mandatory tags).
 */
export function projectTemplateParameters(
  template: Readonly<Record<string, unknown>>,
  spec: ProjectEnvironmentSpec,
  platformParameters: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const declared = typeof template['parameters'] === 'object' && template['parameters'] !== null ? template['parameters'] : {};
  const specTags = spec.parameters['tags'];
  const tags = {
    ...(typeof specTags === 'object' && specTags !== null ? (specTags as Record<string, unknown>) : {}),
    'cloister-project': spec.projectId,
    'cloister-tier': String(spec.tier),
  };
  const values: Record<string, unknown> = { ...spec.parameters, ...platformParameters, projectKey: projectKeyFromSlug(spec.projectSlug), tags };
  const unknown = Object.keys(values).filter((name) => !(name in declared));
  if (unknown.length > 0) {
    throw new InvalidTemplateParametersError(`The project template declares no parameter(s): ${unknown.join(', ')}`);
  }
  return values;
}

/** ARM's wire shape for parameter values: `{ name: { value } }`. */
export function toArmParameterValues(values: Readonly<Record<string, unknown>>): Record<string, { value: unknown }> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]));
}

/** Resource group and deployment names are derived from the slug, so a retried deploy reuses both. */
export const resourceGroupNameFor = (prefix: string, spec: ProjectEnvironmentSpec): string => `${prefix}${spec.projectSlug}`;
export const deploymentNameFor = (spec: ProjectEnvironmentSpec): string => `cloister-${spec.projectSlug}`;
