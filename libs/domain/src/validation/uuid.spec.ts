import { describe, expect, it } from 'vitest';
import { isUuid } from './uuid';

describe('isUuid', () => {
  it('accepts the canonical form in either case', () => {
    expect(isUuid('03f4fbf6-f397-4623-80cb-97009e2618c2')).toBe(true);
    expect(isUuid('03F4FBF6-F397-4623-80CB-97009E2618C2')).toBe(true);
  });

  it('refuses anything else, including surrounding space', () => {
    for (const v of ['', 'not-a-uuid', '03f4fbf6f3974623-80cb-97009e2618c2', '03f4fbf6-f397-4623-80cb-97009e2618c', ' 03f4fbf6-f397-4623-80cb-97009e2618c2', '03f4fbf6-f397-4623-80cb-97009e2618c2\n', 'g3f4fbf6-f397-4623-80cb-97009e2618c2']) {
      expect(isUuid(v), JSON.stringify(v)).toBe(false);
    }
  });
});
