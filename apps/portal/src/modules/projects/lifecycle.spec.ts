import { PROJECT_TRANSITIONS } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { isSettling, LIFECYCLE_WORDING, lifecycleActions } from './lifecycle';

const labels = (...args: Parameters<typeof lifecycleActions>) => lifecycleActions(...args).map((action) => `${action.label}→${action.to}`);

describe('lifecycleActions', () => {
  it('words every step a person may take in the domain table', () => {
    const personal = PROJECT_TRANSITIONS.filter((t) => !t.actors.includes('system')).map((t) => t.action);
    expect(personal.filter((action) => !(action in LIFECYCLE_WORDING))).toEqual([]);
  });

  it('offers each person the steps their capacity allows: decommission only to platform admins', () => {
    expect(labels('active', { isPlatformAdmin: false, roles: ['project_admin'] })).toEqual(['Suspend→suspended']);
    expect(labels('active', { isPlatformAdmin: true, roles: [] })).toEqual(['Suspend→suspended', 'Decommission→decommissioning']);
    expect(labels('active', { isPlatformAdmin: false, roles: ['researcher'] })).toEqual([]);
  });

  it('polls only while the worker owes the next step', () => {
    expect(isSettling('provisioning')).toBe(true);
    expect(isSettling('active')).toBe(false);
  });
});
