import { useSyncExternalStore } from 'react';

/** Below this width the side navigation would leave the page too little room, so it folds behind a Menu button. */
export const NARROW_VIEWPORT_QUERY = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(NARROW_VIEWPORT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

// jsdom has no matchMedia: without one the layout is the wide one.
const isNarrow = () => typeof window.matchMedia === 'function' && window.matchMedia(NARROW_VIEWPORT_QUERY).matches;

/** True while the viewport is phone-sized; follows resizes and rotation. */
export function useNarrowViewport(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, () => false);
}
