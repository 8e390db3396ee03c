// Shared Vitest settings for every Node project: SWC so Nest decorators keep their metadata,
// and workspace imports resolved to source so tests never depend on a prior build.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

// Longest keys first so `@cloister/x/testing` wins over `@cloister/x`.
export const workspaceAliases: { find: string; replacement: string }[] = readdirSync(join(root, 'libs')).flatMap((name) => [
  { find: `@cloister/${name}/testing`, replacement: join(root, 'libs', name, 'src', 'testing', 'index.ts') },
  { find: `@cloister/${name}`, replacement: join(root, 'libs', name, 'src', 'index.ts') },
]);

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
