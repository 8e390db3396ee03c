import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');

/**
 * Lints probe files (never written to disk) placed in each project with the repository's own ESLint config, so a
 * weakened tag, dependency constraint or restricted-import rule fails here rather than silently allowing the import.
 */
describe('lint rules that keep the architecture', () => {
  let eslint: ESLint;
  beforeAll(async () => {
    // Without a cached project graph the boundary rule skips itself, and these probes would prove nothing.
    process.env['NX_DAEMON'] ??= 'false';
    await createProjectGraphAsync({ exitOnError: false });
    eslint = new ESLint({ cwd: root });
  }, 120_000);

  async function ruleIdsFor(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? `fatal: ${m.message}`);
  }

  it.each([
    ['the domain imports another lib', 'libs/domain/src/boundary-probe.ts', "import { ConfigError } from '@cloister/config';\nexport const probe = ConfigError;\n"],
    ['the domain imports an app', 'libs/domain/src/boundary-probe.ts', "import { AppModule } from '@cloister/api';\nexport const probe = AppModule;\n"],
    ['an app imports another app', 'apps/api/src/boundary-probe.ts', "import { WorkerModule } from '@cloister/worker';\nexport const probe = WorkerModule;\n"],
    ['an app imports another app by relative path', 'apps/worker/src/boundary-probe.ts', "import { AppModule } from '../../api/src/app.module';\nexport const probe = AppModule;\n"],
    ['the portal imports server code', 'apps/portal/src/boundary-probe.ts', "import { createDatabase } from '@cloister/persistence';\nexport const probe = createDatabase;\n"],
    ['the portal imports the config lib', 'apps/portal/src/boundary-probe.ts', "import { loadApiConfig } from '@cloister/config';\nexport const probe = loadApiConfig;\n"],
    // The portal reaches the domain's source only through its Vite alias of the package name (apps/portal/domain-source.mts).
    ['the portal imports the domain source by path', 'apps/portal/src/boundary-probe.ts', "import { PROJECT_ROLES } from '../../../libs/domain/src';\nexport const probe = PROJECT_ROLES;\n"],
  ])('fails when %s', async (_case, file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('@nx/enforce-module-boundaries');
  });

  it('keeps frameworks and SDKs out of the domain', async () => {
    expect(await ruleIdsFor('libs/domain/src/boundary-probe.ts', "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('libs/domain/src/boundary-probe.ts', "import { z } from 'zod';\nexport const probe = z;\n")).toContain('no-restricted-imports');
  });

  it('keeps Node built-ins out of the domain, which the portal bundles for the browser', async () => {
    expect(await ruleIdsFor('libs/domain/src/boundary-probe.ts', "import { createHash } from 'node:crypto';\nexport const probe = createHash;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('libs/domain/src/boundary-probe.ts', "import { readFileSync } from 'fs';\nexport const probe = readFileSync;\n")).toContain('no-restricted-imports');
    // Relative imports that merely share a built-in's name stay allowed.
    expect(await ruleIdsFor('libs/domain/src/audit/boundary-probe.ts', "import { events } from './events';\nexport const probe = events;\n")).toEqual([]);
  });

  it('lets the portal import the domain and no other lib', async () => {
    const libs = readdirSync(join(root, 'libs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, 'libs', entry.name, 'package.json')))
      .map((entry) => (JSON.parse(readFileSync(join(root, 'libs', entry.name, 'package.json'), 'utf8')) as { name: string }).name);
    expect(libs).toContain('@cloister/domain');
    for (const lib of libs) {
      const ruleIds = await ruleIdsFor('apps/portal/src/boundary-probe.ts', `import * as lib from '${lib}';\nexport const probe = lib;\n`);
      if (lib === '@cloister/domain') expect(ruleIds, lib).toEqual([]);
      else expect(ruleIds, lib).toContain('@nx/enforce-module-boundaries');
    }
  });

  it('allows the imports the architecture allows', async () => {
    expect(await ruleIdsFor('apps/portal/src/boundary-probe.ts', "import { PROJECT_ROLES } from '@cloister/domain';\nexport const probe = PROJECT_ROLES;\n")).toEqual([]);
    expect(await ruleIdsFor('apps/api/src/boundary-probe.ts', "import { migrate } from '@cloister/persistence';\nimport { PROJECT_ROLES } from '@cloister/domain';\nexport const probe = [migrate, PROJECT_ROLES];\n")).toEqual([]);
    expect(await ruleIdsFor('libs/domain/src/boundary-probe.ts', "export const probe = 1;\n")).toEqual([]);
  });

  it('lets only libs/config read process.env', async () => {
    const reader = "export const probe = process.env['ANYTHING'];\n";
    for (const file of ['apps/api/src/env-probe.ts', 'apps/worker/src/env-probe.ts', 'libs/adapters/src/env-probe.ts', 'libs/domain/src/env-probe.ts']) {
      expect(await ruleIdsFor(file, reader), file).toContain('no-restricted-properties');
    }
    expect(await ruleIdsFor('libs/config/src/env-probe.ts', reader)).toEqual([]);
  });
});
