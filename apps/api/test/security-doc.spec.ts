import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderContracts } from '../src/contracts/render-contracts';

// docs/security.md is generated from the route declarations and the domain's grants, tiers and lifecycle; a route,
// grant or rule changed without `npm run contracts:generate` leaves it stale, and this fails.
describe('docs/security.md', () => {
  it('is what the code generates today', async () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'security.md'), 'utf8');
    const { securityDoc } = await renderContracts();
    expect(committed === securityDoc, 'docs/security.md is stale: run npm run contracts:generate').toBe(true);
  });
});
