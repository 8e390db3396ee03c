import { describe, expect, it } from 'vitest';
import { canSeeProject, projectAllows } from './permissions';

describe('project permissions', () => {
  it('platform admins can see projects but never manage members or settings', () => {
    expect(canSeeProject([], true)).toBe(true);
    expect(projectAllows('project:members:manage', [], true)).toBe(false);
    expect(projectAllows('project:settings:update', [], true)).toBe(false);
    expect(projectAllows('project:admins:assign', [], true)).toBe(true);
  });
  it('non-members see nothing', () => {
    expect(canSeeProject([], false)).toBe(false);
    expect(projectAllows('project:read', [], false)).toBe(false);
  });
  it('researchers read but do not administer', () => {
    expect(projectAllows('project:read', ['researcher'], false)).toBe(true);
    expect(projectAllows('project:audit:read', ['researcher'], false)).toBe(false);
  });
});
