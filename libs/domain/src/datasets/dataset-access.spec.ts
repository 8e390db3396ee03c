import { describe, expect, it } from 'vitest';
import { canChangeDataset, canSeeDatasetVersion, datasetActorOf } from './dataset-access';

describe('dataset access', () => {
  const owner = { userId: 'o', roles: ['data_owner' as const] };
  it('shows the owner every version and others only available ones', () => {
    expect(canSeeDatasetVersion(owner, 'o', 'transferring')).toBe(true);
    expect(canSeeDatasetVersion({ userId: 'r', roles: ['researcher'] }, 'o', 'transferring')).toBe(false);
    expect(canSeeDatasetVersion({ userId: 'r', roles: ['researcher'] }, 'o', 'available')).toBe(true);
    expect(canSeeDatasetVersion({ userId: 'p', roles: ['project_admin'] }, 'o', 'available')).toBe(true);
  });
  it('hides other owners\' work in progress and refuses them changes', () => {
    expect(canSeeDatasetVersion({ userId: 'o2', roles: ['data_owner'] }, 'o', 'uploading')).toBe(false);
    expect(canChangeDataset({ userId: 'o2', roles: ['data_owner'] }, 'o')).toBe(false);
    expect(canChangeDataset(owner, 'o')).toBe(true);
  });
  it('never shows anything to output checkers through datasets', () => {
    expect(canSeeDatasetVersion({ userId: 'c', roles: ['output_checker'] }, 'o', 'available')).toBe(false);
  });

  it('retries as the owner when possible, else as project admin, else not at all', () => {
    expect(datasetActorOf({ userId: 'o', roles: ['data_owner', 'project_admin'] }, 'o')).toBe('data_owner');
    expect(datasetActorOf({ userId: 'p', roles: ['project_admin'] }, 'o')).toBe('project_admin');
    expect(datasetActorOf({ userId: 'r', roles: ['researcher', 'data_owner'] }, 'o')).toBeNull();
  });
});
