// Where the compiled ARM templates live, and loaders for them. The JSON is produced by `infra:build`
// (tools/bicep/build.mjs) from the Bicep sources next to it and committed; `infra:check` keeps it fresh.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type TemplateName = 'platform' | 'project';

/** Root folder of @cloister/infra-templates (works from src/ under test and from dist/ when built). */
export const infraTemplatesRoot = resolve(__dirname, '..');

export const compiledTemplatePaths: Readonly<Record<TemplateName, string>> = {
  platform: join(infraTemplatesRoot, 'platform', 'main.json'),
  project: join(infraTemplatesRoot, 'project', 'main.json'),
};

export const bicepTemplatePaths: Readonly<Record<TemplateName, string>> = {
  platform: join(infraTemplatesRoot, 'platform', 'main.bicep'),
  project: join(infraTemplatesRoot, 'project', 'main.bicep'),
};

/** A compiled ARM template, as parsed JSON (a fresh copy on every call, safe to mutate). */
export interface ArmTemplate {
  $schema: string;
  contentVersion: string;
  languageVersion?: string;
  metadata?: { _generator?: { name: string; version: string; templateHash: string } };
  parameters?: Record<string, unknown>;
  resources: Record<string, unknown> | unknown[];
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

export function loadCompiledTemplate(name: TemplateName): ArmTemplate {
  return JSON.parse(readFileSync(compiledTemplatePaths[name], 'utf8')) as ArmTemplate;
}

export const loadPlatformTemplate = (): ArmTemplate => loadCompiledTemplate('platform');
export const loadProjectTemplate = (): ArmTemplate => loadCompiledTemplate('project');
