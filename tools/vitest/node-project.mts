// Shared Vitest settings for every Node project: SWC so Nest decorators keep their metadata,
// and workspace imports resolved to source so tests never depend on a prior build.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

export const workspaceAliases: Record<string, string> = Object.fromEntries(
  readdirSync(join(root, 'libs')).map((name) => [`@cloister/${name}`, join(root, 'libs', name, 'src', 'index.ts')]),
);

export function nodeProject(name: string, overrides: UserWorkspaceConfig['test'] = {}): UserWorkspaceConfig {
  return defineProject({
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      }),
    ],
    resolve: { alias: workspaceAliases },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      ...overrides,
    },
  });
}
