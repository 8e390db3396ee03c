import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_GRANT_TTL_MS, mintSecureGrant, SecureGrantError, verifySecureGrant } from './grant';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const now = 1_800_000_000_000;
const input = { blob: 'p1/u1/results/table.csv', userId: 'u2', purpose: 'preview' as const, maxBytes: 1024 };

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SecureGrantError) return e.problem;
    throw e;
  }
  throw new Error('expected the grant to be refused');
}

/** Re-signs an arbitrary payload with the right secret, as a compromised or buggy minter would. */
function signedPayload(payload: Record<string, unknown>, key = secret): string {
  const part = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${part}.${createHmac('sha256', key).update(part).digest('base64url')}`;
}

describe('secure blob grants', () => {
  it('round-trips a fresh grant', () => {
    const grant = mintSecureGrant(secret, input, now);
    expect(verifySecureGrant(secret, grant, now + 1000)).toEqual({ container: 'export', ...input, exp: now + 30_000 });
  });

  it('keeps the version a grant is bound to', () => {
    const grant = mintSecureGrant(secret, { ...input, versionId: '2024-01-01T00:00:00.0000000Z' }, now);
    expect(verifySecureGrant(secret, grant, now).versionId).toBe('2024-01-01T00:00:00.0000000Z');
  });

  it('refuses a tampered payload', () => {
    const [, sig] = mintSecureGrant(secret, input, now).split('.');
    const forged = Buffer.from(JSON.stringify({ container: 'export', ...input, blob: 'p1/other-user/secret.csv', exp: now + 30_000 })).toString('base64url');
    expect(problemOf(() => verifySecureGrant(secret, `${forged}.${sig}`, now))).toBe('bad_signature');
  });

  it('refuses a tampered or truncated signature', () => {
    const grant = mintSecureGrant(secret, input, now);
    const flipped = grant.slice(0, -2) + (grant.endsWith('AA') ? 'BB' : 'AA');
    expect(problemOf(() => verifySecureGrant(secret, flipped, now))).toBe('bad_signature');
    expect(problemOf(() => verifySecureGrant(secret, grant.slice(0, -5), now))).toBe('bad_signature');
  });

  it('refuses a grant signed with another secret', () => {
    const grant = mintSecureGrant(`${secret}-other`, input, now);
    expect(problemOf(() => verifySecureGrant(secret, grant, now))).toBe('bad_signature');
  });

  it('refuses an expired grant', () => {
    const grant = mintSecureGrant(secret, { ...input, ttlMs: 5000 }, now);
    expect(problemOf(() => verifySecureGrant(secret, grant, now + 5000))).toBe('expired');
    expect(problemOf(() => verifySecureGrant(secret, grant, now + 60_000))).toBe('expired');
  });

  it('refuses a grant that would live longer than a minute', () => {
    expect(() => mintSecureGrant(secret, { ...input, ttlMs: MAX_GRANT_TTL_MS + 1 }, now)).toThrow(RangeError);
    const longLived = signedPayload({ container: 'export', ...input, exp: now + 10 * 60_000 });
    expect(problemOf(() => verifySecureGrant(secret, longLived, now))).toBe('too_long_lived');
  });

  it('refuses any container but export, even when correctly signed', () => {
    for (const container of ['import', 'workspace', 'uploads', undefined]) {
      const grant = signedPayload({ container, ...input, exp: now + 10_000 });
      expect(problemOf(() => verifySecureGrant(secret, grant, now))).toBe('container_not_allowed');
    }
  });

  it('refuses path tricks in the blob name and out-of-range limits', () => {
    for (const blob of ['../import/x', 'p1//x', '/p1/x', 'p1/./x', 'p1\\x', '']) {
      expect(problemOf(() => verifySecureGrant(secret, signedPayload({ container: 'export', ...input, blob, exp: now + 10_000 }), now))).toBe('bad_blob');
      expect(() => mintSecureGrant(secret, { ...input, blob }, now)).toThrow(RangeError);
    }
    for (const maxBytes of [0, -1, 1.5, 1e12, '10']) {
      expect(problemOf(() => verifySecureGrant(secret, signedPayload({ container: 'export', ...input, maxBytes, exp: now + 10_000 }), now))).toBe('bad_limit');
    }
  });

  it('refuses garbage and an unknown purpose', () => {
    for (const garbage of ['', 'abc', 'a.b.c', 'a b.c', '.']) expect(problemOf(() => verifySecureGrant(secret, garbage, now))).toMatch(/malformed|bad_signature/);
    expect(problemOf(() => verifySecureGrant(secret, signedPayload({ container: 'export', ...input, purpose: 'download-all', exp: now + 10_000 }), now))).toBe('bad_purpose');
  });

  it('refuses a short secret on both sides', () => {
    expect(() => mintSecureGrant('short', input, now)).toThrow(/at least 32/);
    expect(() => verifySecureGrant('short', 'a.b', now)).toThrow(/at least 32/);
  });
});
