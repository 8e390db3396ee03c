import { describe, expect, it } from 'vitest';
import {
  assertLeavesFailureAllowed, canPersonTransitionProject, canTransitionProject, PROJECT_STATUSES, PROJECT_TRANSITIONS, projectActorsOf,
  type ProjectTransitionActor,
} from './project-status';

const ACTORS: ProjectTransitionActor[] = ['platform_admin', 'project_admin', 'system'];

// The expected machine, written out independently of the table so a wrong edit to either fails.
const EXPECTED = new Set([
  'draft>provisioning>platform_admin', 'draft>provisioning>project_admin',
  'provisioning>active>system', 'provisioning>failed>system',
  'failed>provisioning>platform_admin', 'failed>provisioning>project_admin', 'failed>decommissioning>platform_admin',
  'active>suspended>platform_admin', 'active>suspended>project_admin',
  'suspended>active>platform_admin', 'suspended>active>project_admin',
  'active>decommissioning>platform_admin', 'suspended>decommissioning>platform_admin',
  'decommissioning>archived>system', 'decommissioning>failed>system',
]);

describe('project status machine', () => {
  it('allows exactly the expected (from, to, actor) triples', () => {
    for (const from of PROJECT_STATUSES) {
      for (const to of PROJECT_STATUSES) {
        for (const actor of ACTORS) {
          expect(canTransitionProject(from, to, actor), `${from} -> ${to} by ${actor}`).toBe(EXPECTED.has(`${from}>${to}>${actor}`));
        }
      }
    }
  });

  it('has no duplicate edges and archived is terminal', () => {
    const keys = PROJECT_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(PROJECT_TRANSITIONS.filter((t) => t.from === 'archived')).toEqual([]);
  });

  it('retries a failed decommission only as a decommission', () => {
    expect(() => assertLeavesFailureAllowed('decommissioning', 'provisioning')).toThrow(expect.objectContaining({ code: 'RETRY_MUST_DECOMMISSION' }));
    expect(() => assertLeavesFailureAllowed('decommissioning', 'decommissioning')).not.toThrow();
    expect(() => assertLeavesFailureAllowed('provisioning', 'provisioning')).not.toThrow();
    expect(() => assertLeavesFailureAllowed('provisioning', 'decommissioning')).not.toThrow();
    expect(() => assertLeavesFailureAllowed(null, 'provisioning')).not.toThrow();
  });

  it('lets a person act in every capacity they hold, and never as the system', () => {
    expect(projectActorsOf(true, ['project_admin'])).toEqual(['platform_admin', 'project_admin']);
    expect(projectActorsOf(false, ['researcher'])).toEqual([]);
    expect(canPersonTransitionProject('active', 'decommissioning', projectActorsOf(false, ['project_admin']))).toBe(false);
    expect(canPersonTransitionProject('active', 'decommissioning', projectActorsOf(true, []))).toBe(true);
    expect(canPersonTransitionProject('provisioning', 'active', projectActorsOf(true, ['project_admin']))).toBe(false);
  });
});
