import { describe, expect, it } from 'vitest';
import { distinctApprovals, exportRequestParties, reviewEligibility } from './review-eligibility';

const request = { requesterId: 'rita', contributorIds: ['rita', 'carl'] };

describe('separation of duties in export review', () => {
  it('lets an uninvolved output checker review', () => {
    expect(reviewEligibility({ userId: 'olga', roles: ['output_checker'], isPlatformAdmin: false }, request)).toEqual({ ok: true });
  });
  it('never lets the requester review, even as an output checker', () => {
    expect(reviewEligibility({ userId: 'rita', roles: ['researcher', 'output_checker'], isPlatformAdmin: false }, request)).toEqual({ ok: false, reason: 'requester' });
  });
  it('never lets a contributor review', () => {
    expect(reviewEligibility({ userId: 'carl', roles: ['output_checker'], isPlatformAdmin: false }, request)).toEqual({ ok: false, reason: 'contributor' });
  });
  it('keeps platform admins out unless they are also checkers of the project', () => {
    expect(reviewEligibility({ userId: 'ada', roles: [], isPlatformAdmin: true }, request)).toEqual({ ok: false, reason: 'platform_admin_only' });
    expect(reviewEligibility({ userId: 'ada', roles: ['output_checker'], isPlatformAdmin: true }, request)).toEqual({ ok: true });
  });
  it('refuses people without the output checker role', () => {
    expect(reviewEligibility({ userId: 'pia', roles: ['project_admin'], isPlatformAdmin: false }, request)).toEqual({ ok: false, reason: 'not_output_checker' });
  });
  it('takes the requester as the only contributor of a request (it holds only their own staged files)', () => {
    const parties = exportRequestParties({ requesterId: 'rita' });
    expect(parties).toEqual({ requesterId: 'rita', contributorIds: ['rita'] });
    expect(reviewEligibility({ userId: 'rita', roles: ['output_checker'], isPlatformAdmin: false }, parties)).toEqual({ ok: false, reason: 'requester' });
  });
  it('counts each eligible approver once', () => {
    expect(distinctApprovals(['olga', 'olga', 'rita', 'carl', 'otto'], request)).toBe(2);
  });
});
