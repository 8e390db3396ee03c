import { describe, expect, it } from 'vitest';
import { canSeeProject, PROJECT_PERMISSION_GRANTS, PROJECT_PERMISSIONS, projectAllows } from './permissions';

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
  it('platform admins hold no permission over project data or export review, unless separately made members', () => {
    // What a platform admin may do in a project without a role there: see it, its members and audit, move its
    // lifecycle, assign its admins. Nothing that reads datasets, workspaces, outputs or exports, or reviews them.
    const asPlatformAdmin = PROJECT_PERMISSIONS.filter((p) => projectAllows(p, [], true));
    expect(asPlatformAdmin).toEqual(['project:read', 'project:status:change', 'project:members:read', 'project:admins:assign', 'project:audit:read']);
    for (const p of ['project:datasets:read', 'project:exports:read', 'project:exports:review', 'project:exports:download', 'project:workspaces:read'] as const) {
      expect(projectAllows(p, [], true), p).toBe(false);
      expect(PROJECT_PERMISSION_GRANTS[p].platformAdmin).toBe(false);
    }
    // Made an output checker (or researcher) of the project, they act in that role like anyone else.
    expect(projectAllows('project:exports:review', ['output_checker'], true)).toBe(true);
    expect(projectAllows('project:datasets:read', ['researcher'], true)).toBe(true);
  });
});
