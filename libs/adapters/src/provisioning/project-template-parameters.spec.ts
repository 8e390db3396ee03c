import type { ProjectEnvironmentSpec } from '@cloister/domain';
import { describe, expect, it } from 'vitest';
import { deploymentNameFor, projectKeyFromSlug, projectTemplateParameters, resourceGroupNameFor, toArmParameterValues } from './project-template-parameters';

const template = { parameters: { projectKey: {}, tags: {}, vmCount: {}, logAnalyticsWorkspaceResourceId: {} } };
const spec: ProjectEnvironmentSpec = { projectId: 'prj_1', projectSlug: 'heart-study-2025', tier: 4, parameters: { vmCount: 3, tags: { owner: 'cardio' } } };

describe('project template parameters', () => {
  it('derives an 8-character key from the slug, deterministically, unique for projects whose names start alike', () => {
    const key = projectKeyFromSlug('heart-study-2025');
    expect(key).toMatch(/^hear[0-9a-f]{4}$/);
    expect(projectKeyFromSlug('heart-study-2025')).toBe(key);
    expect(projectKeyFromSlug('heart-study-a-1a2b3c4d')).not.toBe(projectKeyFromSlug('heart-study-b-5e6f7a8b'));
    expect(projectKeyFromSlug('x')).toMatch(/^x[0-9a-f]{7}$/);
  });

  it('merges spec, platform and identity values; the platform and the mandatory tags win', () => {
    const values = projectTemplateParameters(template, { ...spec, parameters: { ...spec.parameters, logAnalyticsWorkspaceResourceId: 'mine' } }, { logAnalyticsWorkspaceResourceId: 'platform' });
    expect(values).toEqual({
      vmCount: 3,
      logAnalyticsWorkspaceResourceId: 'platform',
      projectKey: projectKeyFromSlug('heart-study-2025'),
      tags: { owner: 'cardio', 'cloister-project': 'prj_1', 'cloister-tier': '4' },
    });
    expect(toArmParameterValues({ vmCount: 3 })).toEqual({ vmCount: { value: 3 } });
  });

  it('rejects parameters the template does not declare', () => {
    expect(() => projectTemplateParameters(template, { ...spec, parameters: { vmSize: 'x' } }, {})).toThrow('The project template declares no parameter(s): vmSize');
  });

  it('names the resource group and the deployment after the slug, so retries reuse them', () => {
    expect(resourceGroupNameFor('rg-cloister-', spec)).toBe('rg-cloister-heart-study-2025');
    expect(deploymentNameFor(spec)).toBe('cloister-heart-study-2025');
  });
});
