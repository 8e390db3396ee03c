import { escapeHtml } from './html-escape';
import { renderPage } from './page-layout';

/** oidc-provider's error output (error, error_description, state...), escaped. */
export function renderErrorPage(details: Readonly<Record<string, string | undefined>>): string {
  const rows = Object.entries(details)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return renderPage('Sign-in error', `<h1>Something went wrong</h1>\n<dl>${rows}</dl>`);
}
