// One lint config for the whole workspace. Architecture rules (Nx tags) matter more here than style.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
    // The domain must stay framework-free: no Nest, no SDKs, no database or queue clients.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@azure/*', 'bullmq', 'ioredis', 'kysely', 'pg', '@electric-sql/*', 'express', 'react', 'zod'], message: 'libs/domain imports no framework or SDK.' },
          ],
        },
      ],
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
