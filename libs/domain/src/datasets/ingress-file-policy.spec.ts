import { describe, expect, it } from 'vitest';
import { extensionOf, isDeniedForIngress } from './ingress-file-policy';

describe('ingress file policy', () => {
  it('refuses executables whatever their case or folder', () => {
    expect(isDeniedForIngress('tools/setup.EXE')).toBe(true);
    expect(isDeniedForIngress('run.ps1')).toBe(true);
  });
  it('accepts data files and names without extensions', () => {
    expect(isDeniedForIngress('cohort/patients.csv')).toBe(false);
    expect(isDeniedForIngress('README')).toBe(false);
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('a.tar.gz')).toBe('gz');
  });
});
