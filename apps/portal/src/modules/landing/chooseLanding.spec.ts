import { describe, expect, it } from 'vitest';
import { makeMe } from '../../test/makeMe';
import { chooseLanding } from './chooseLanding';

describe('chooseLanding', () => {
  it('sends platform admins to the platform overview whatever else they hold', () => {
    expect(chooseLanding(makeMe({ isPlatformAdmin: true }))).toBe('platform_admin');
    expect(chooseLanding(makeMe({ isPlatformAdmin: true, roles: [['researcher']] }))).toBe('platform_admin');
  });

  it('ranks project admin > data owner > output checker > researcher across projects', () => {
    expect(chooseLanding(makeMe({ roles: [['researcher'], ['project_admin']] }))).toBe('project_admin');
    expect(chooseLanding(makeMe({ roles: [['researcher', 'data_owner'], ['output_checker']] }))).toBe('data_owner');
    expect(chooseLanding(makeMe({ roles: [['researcher'], ['output_checker']] }))).toBe('output_checker');
    expect(chooseLanding(makeMe({ roles: [['researcher']] }))).toBe('researcher');
  });

  it('falls back to the welcome page without any project role', () => {
    expect(chooseLanding(makeMe())).toBe('none');
    expect(chooseLanding(makeMe({ roles: [[]] }))).toBe('none');
  });
});
