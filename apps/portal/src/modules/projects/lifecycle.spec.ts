import { describe, expect, it } from 'vitest';
import { lifecycleActions } from './lifecycle';

const labels = (...args: Parameters<typeof lifecycleActions>) => lifecycleActions(...args).map((action) => `${action.label}→${action.to}`);

describe('lifecycleActions', () => {
  it('offers project admins provision, suspend, resume and retry', () => {
    expect(labels('draft')).toEqual(['Provision→provisioning']);
    expect(labels('active')).toEqual(['Suspend→suspended']);
    expect(labels('suspended')).toEqual(['Resume→active']);
    expect(labels('failed')).toEqual(['Retry→provisioning']);
    expect(labels('archived')).toEqual([]);
  });

  it('adds decommission for platform admins wherever the table allows it', () => {
    expect(labels('active', { isPlatformAdmin: true })).toEqual(['Suspend→suspended', 'Decommission→decommissioning']);
    expect(labels('suspended', { isPlatformAdmin: true })).toEqual(['Resume→active', 'Decommission→decommissioning']);
    expect(labels('failed', { isPlatformAdmin: true })).toEqual(['Retry→provisioning', 'Decommission→decommissioning']);
    expect(labels('decommissioning', { isPlatformAdmin: true })).toEqual([]);
  });
});
