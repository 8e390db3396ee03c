import { describe, expect, it } from 'vitest';
import { quotaVerdict } from './storage-quota';

describe('quotaVerdict', () => {
  it('allows an addition that reaches the quota exactly', () => {
    expect(quotaVerdict({ usedBytes: 600, addingBytes: 400, quotaBytes: 1000 })).toEqual({ ok: true, headroomBytes: 400, totalBytes: 1000 });
  });

  it('refuses one byte over, saying how much was left and by how much it is over', () => {
    expect(quotaVerdict({ usedBytes: 600, addingBytes: 401, quotaBytes: 1000 })).toEqual({ ok: false, headroomBytes: 400, totalBytes: 1001, overByBytes: 1 });
  });

  it('allows adding nothing to a project exactly at its quota, and refuses a byte more', () => {
    expect(quotaVerdict({ usedBytes: 1000, addingBytes: 0, quotaBytes: 1000 }).ok).toBe(true);
    expect(quotaVerdict({ usedBytes: 1000, addingBytes: 1, quotaBytes: 1000 })).toMatchObject({ ok: false, headroomBytes: 0 });
  });

  it('never reports negative headroom for a project already over a lowered quota', () => {
    expect(quotaVerdict({ usedBytes: 1500, addingBytes: 0, quotaBytes: 1000 })).toEqual({ ok: false, headroomBytes: 0, totalBytes: 1500, overByBytes: 500 });
  });

  it('counts a shrinking re-declared file as negative bytes added', () => {
    expect(quotaVerdict({ usedBytes: 1100, addingBytes: -100, quotaBytes: 1000 }).ok).toBe(true);
    expect(quotaVerdict({ usedBytes: 1100, addingBytes: -99, quotaBytes: 1000 }).ok).toBe(false);
  });
});
