import { useEffect } from 'react';

/** Names the browser tab (and history entry) after the section, so several open tabs can be told apart. */
export function DocumentTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = `${title} · Cloister`;
  }, [title]);
  return null;
}
