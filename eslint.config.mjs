// One lint config for the whole workspace. Architecture rules (Nx tags) matter more here than style.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.cloister/**', '**/*.gen.ts', 'libs/infra-templates/**/*.json', '**/vite.config.mts.timestamp*'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    // Build and test-runner configs may import shared tooling by path; the boundary rule is about product code.
    ignores: ['**/vitest*.config.mts', '**/vite.config.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:domain', 'scope:server', 'scope:lib'] },
            { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['scope:domain', 'scope:server', 'scope:lib'] },
            { sourceTag: 'type:portal', onlyDependOnLibsWithTags: ['scope:domain'] },
          ],
        },
      ],
    },
  },
  {
    // The domain must stay framework-free: no Nest, no SDKs, no database or queue clients. The portal bundles it for
    // the browser, so no Node built-ins either.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'libs/domain runs in the browser too (the portal bundles it): no Node built-ins.' })),
          patterns: [
            { group: ['@nestjs/*', '@azure/*', 'bullmq', 'ioredis', 'kysely', 'pg', '@electric-sql/*', 'express', 'react', 'zod'], message: 'libs/domain imports no framework or SDK.' },
            { group: ['node:*'], message: 'libs/domain runs in the browser too (the portal bundles it): no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // Configuration is parsed once, by libs/config, from the environment; everything else is handed the parsed config.
    files: ['apps/*/src/**/*.ts', 'apps/*/src/**/*.tsx', 'libs/*/src/**/*.ts'],
    ignores: [
      'libs/config/src/**', '**/*.spec.ts', '**/*.spec.tsx', '**/testing/**', '**/test-support/**',
      // Standalone CLIs, not platform processes: each entry point hands its environment to main() once.
      'libs/pii-scan/src/cli/main.ts', 'libs/workspace-agent/src/main.ts',
    ],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only libs/config reads process.env; take the value from the parsed config.' }],
    },
  },
  {
    // Tiny CommonJS launchers (package bins) load the compiled code with require().
    files: ['**/bin/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/portal/**/*.tsx', 'apps/portal/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
];
