// What a compiled project template deploys, computed offline: the resources (type, name, ARM id) and the output
// values. The local driver simulates exactly these, and the fake ARM uses them as what a deployment "creates".
import { expandArmTemplate } from '@cloister/infra-templates';

export interface TemplateResource {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly apiVersion: string;
  /** Properties as deployed; what only Azure knows stays ⟨…⟩. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Module (nested deployment) the resource comes from, outermost first; empty at the top level. */
  readonly deploymentPath: readonly string[];
  /** For extension resources (diagnostic settings, role assignments): the resource they attach to. */
  readonly scope: string | null;
}

export interface TemplateOutput {
  readonly type: string;
  readonly value: unknown;
}

export interface TemplateDeploymentContext {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly deploymentName: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ExpandedProjectTemplate {
  readonly resources: readonly TemplateResource[];
  readonly outputs: Readonly<Record<string, TemplateOutput>>;
}

// The expander writes what only Azure knows at deployment time as ⟨expression⟩.
const RUNTIME_VALUE = /⟨[^⟩]*⟩/g;

export function expandProjectTemplate(template: object, context: TemplateDeploymentContext): ExpandedProjectTemplate {
  const expanded = expandArmTemplate(template, { ...context, parameters: { ...context.parameters } });
  const resources = expanded.resources
    .filter((r) => !r.existing)
    .map((r) => ({ type: r.type, name: r.name, id: r.id, apiVersion: r.apiVersion, properties: r.properties, deploymentPath: r.deploymentPath, scope: r.scope ?? null }));
  const declared = ('outputs' in template ? template.outputs : undefined) as Record<string, { type?: string }> | undefined;
  const outputs = Object.fromEntries(
    Object.entries(expanded.outputs).map(([name, value]) => [name, { type: declared?.[name]?.type ?? 'object', value }]),
  );
  return { resources, outputs };
}

/** True when a string still holds a value only a real deployment can produce. */
export const hasRuntimeValue = (value: string): boolean => value.includes('⟨');

/** Replaces every ⟨expression⟩ in a string with `replacement`. */
export const replaceRuntimeValues = (value: string, replacement: string): string => value.replace(RUNTIME_VALUE, replacement);
