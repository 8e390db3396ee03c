import { describe, expect, it } from 'vitest';
import { returnToFromState } from './returnToFromState';

describe('returnToFromState', () => {
  it('returns the saved same-origin path with its query and hash', () => {
    expect(returnToFromState({ returnTo: '/projects?page=2#top' })).toBe('/projects?page=2#top');
  });

  it('refuses anything that could leave the portal', () => {
    for (const returnTo of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect(returnToFromState({ returnTo })).toBe('/');
    }
  });

  it('never returns to the callback itself', () => {
    expect(returnToFromState({ returnTo: '/auth/callback?code=x' })).toBe('/');
  });

  it('defaults to home for missing or malformed state', () => {
    expect(returnToFromState(undefined)).toBe('/');
    expect(returnToFromState({ returnTo: 42 })).toBe('/');
  });
});
