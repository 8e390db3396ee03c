import { describe, expect, it } from 'vitest';
import { SIMULATED_PLATFORM_PARAMETERS } from '@cloister/adapters';
import { loadProjectTemplate } from '@cloister/infra-templates';
import type { ProjectRecord } from '@cloister/persistence';
import { deploymentSpecOf, environmentSpecOf } from './environment-spec';
import { vmAdminPassword } from './vm-admin-credentials';

const project: ProjectRecord = {
  id: '0b9f6a3e-7c1d-4d2a-9f5e-1a2b3c4d5e6f', name: 'Cohort Study', description: '', tier: 2, status: 'provisioning', checkersRequired: 1,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};
const secret = 'v'.repeat(32);

describe('deploymentSpecOf', () => {
  it('gives an azure-mode deployment every parameter the project template requires', () => {
    const spec = deploymentSpecOf(project, { CLOISTER_MODE: 'azure', VM_ADMIN_PASSWORD_SECRET: secret });
    expect(spec.parameters).toEqual({ vmAdminUsername: 'cloisteradmin', vmAdminPassword: vmAdminPassword(secret, project.id) });
    const declared = loadProjectTemplate()['parameters'] as Record<string, { defaultValue?: unknown; nullable?: boolean }>;
    const required = Object.entries(declared).filter(([, p]) => p.defaultValue === undefined && !p.nullable).map(([name]) => name);
    // What the provisioner adds itself: the platform's outputs and the project identity.
    const supplied = new Set([...Object.keys(spec.parameters), ...Object.keys(SIMULATED_PLATFORM_PARAMETERS), 'projectKey', 'tags']);
    expect(required.filter((name) => !supplied.has(name))).toEqual([]);
  });

  it('keeps the password stable across redeploys of the same project', () => {
    const config = { CLOISTER_MODE: 'azure', VM_ADMIN_PASSWORD_SECRET: secret } as const;
    expect(deploymentSpecOf(project, config)).toEqual(deploymentSpecOf({ ...project, status: 'active' }, config));
  });

  it('sends no credentials in local mode, where the simulation never needs a password', () => {
    expect(deploymentSpecOf(project, { CLOISTER_MODE: 'local', VM_ADMIN_PASSWORD_SECRET: undefined })).toEqual(environmentSpecOf(project));
  });

  it('refuses an azure deployment without the secret', () => {
    expect(() => deploymentSpecOf(project, { CLOISTER_MODE: 'azure', VM_ADMIN_PASSWORD_SECRET: undefined })).toThrow(/VM_ADMIN_PASSWORD_SECRET/);
  });
});
