import { describe, expect, it } from 'vitest';
import { vmAdminPassword } from './vm-admin-credentials';

const secret = 's'.repeat(32);
const projectA = '0b9f6a3e-7c1d-4d2a-9f5e-1a2b3c4d5e6f';
const projectB = '7e4d2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b';

/** Azure's VM password rule: 12–123 characters (Linux allows at most 72), with upper, lower, digit and special. */
function meetsAzureComplexity(password: string): boolean {
  return password.length >= 12 && password.length <= 72 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password) && /[\W_]/.test(password);
}

describe('vmAdminPassword', () => {
  it('is the same for a project on every redeploy (ARM cannot change an existing VM\'s admin password)', () => {
    expect(vmAdminPassword(secret, projectA)).toBe(vmAdminPassword(secret, projectA));
  });

  it('differs per project and per secret', () => {
    expect(vmAdminPassword(secret, projectA)).not.toBe(vmAdminPassword(secret, projectB));
    expect(vmAdminPassword('t'.repeat(32), projectA)).not.toBe(vmAdminPassword(secret, projectA));
  });

  it('meets Azure\'s complexity rule and does not reveal the secret or the project id', () => {
    for (const projectId of [projectA, projectB, '', 'x'.repeat(500)]) {
      const password = vmAdminPassword(secret, projectId);
      expect(meetsAzureComplexity(password)).toBe(true);
      expect(password).not.toContain(secret.slice(0, 8));
      if (projectId) expect(password).not.toContain(projectId.slice(0, 8));
    }
  });
});
