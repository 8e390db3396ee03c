import { fileURLToPath } from 'node:url';
import type { AliasOptions } from 'vite';

/**
 * The portal bundles @cloister/domain from its TypeScript source: the package's main is the CommonJS build the
 * Node processes load, which a browser bundle cannot take. The domain is pure TypeScript (its lint rules keep Node
 * and framework imports out), so Vite compiles it like the portal's own code. Types still come from the built .d.ts
 * (`tsc -b` runs before the portal typecheck everywhere). Used by the Vite and Vitest configs alike.
 */
export const domainSourceAlias: AliasOptions = [
  { find: /^@cloister\/domain$/, replacement: fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) },
];
