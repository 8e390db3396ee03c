/**
 * Reads the path saved before the IdP redirect. Only same-origin paths are accepted so a
 * crafted state can never send a freshly signed-in user to another site.
 */
export function returnToFromState(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'returnTo' in state) {
    const { returnTo } = state;
    if (typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\')) {
      return returnTo.startsWith('/auth/callback') ? '/' : returnTo;
    }
  }
  return '/';
}
