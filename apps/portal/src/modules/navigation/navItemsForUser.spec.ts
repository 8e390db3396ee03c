import { describe, expect, it } from 'vitest';
import { makeMe } from '../../test/makeMe';
import { navItemsForUser } from './navItemsForUser';

const labels = (...args: Parameters<typeof makeMe>) => navItemsForUser(makeMe(...args)).map((item) => item.label);

describe('navItemsForUser', () => {
  it('gives every signed-in user "My projects"', () => {
    expect(labels()).toEqual(['My projects']);
  });

  it('adds Platform, Posture, Projects and Audit log for platform admins', () => {
    expect(labels({ isPlatformAdmin: true })).toEqual(['My projects', 'Posture', 'Projects', 'Audit log']);
  });

  it('adds Projects, Audit log, Members, Datasets, Workspaces and Exports for project admins', () => {
    expect(labels({ roles: [['project_admin']] })).toEqual(['My projects', 'Projects', 'Audit log', 'Members', 'Datasets', 'Workspaces', 'Exports']);
  });

  it('adds Datasets for data owners', () => {
    expect(labels({ roles: [['data_owner']] })).toEqual(['My projects', 'Datasets']);
  });

  it('adds Datasets, Workspaces and Outputs for researchers', () => {
    expect(labels({ roles: [['researcher']] })).toEqual(['My projects', 'Datasets', 'Workspaces', 'Outputs']);
  });

  it('adds the Dev mailbox for everyone in local mode only', () => {
    expect(navItemsForUser(makeMe(), { localMode: true }).map((item) => item.label)).toEqual(['My projects', 'Dev mailbox']);
    expect(navItemsForUser(makeMe(), { localMode: false }).map((item) => item.label)).toEqual(['My projects']);
  });

  it('adds Reviews for output checkers', () => {
    expect(labels({ roles: [['output_checker']] })).toEqual(['My projects', 'Reviews']);
  });

  it('merges roles from several projects without duplicates, in a fixed order', () => {
    expect(labels({ isPlatformAdmin: true, roles: [['project_admin', 'researcher'], ['output_checker', 'data_owner']] })).toEqual([
      'My projects',
      'Posture',
      'Projects',
      'Audit log',
      'Members',
      'Datasets',
      'Workspaces',
      'Outputs',
      'Reviews',
      'Exports',
    ]);
  });

  it('gives every item its own path', () => {
    const items = navItemsForUser(makeMe({ isPlatformAdmin: true, roles: [['project_admin', 'researcher', 'output_checker', 'data_owner']] }));
    expect(new Set(items.map((item) => item.path)).size).toBe(items.length);
  });
});
