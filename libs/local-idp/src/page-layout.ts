import { escapeHtml } from './html-escape';

// Inline only: the IdP must render without any external CSS, fonts or scripts.
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f5f5;color:#1b1b1b;margin:0;padding:2rem 1rem}
main{max-width:24rem;margin:0 auto;background:#fff;border:1px solid #d1d1d1;border-radius:8px;padding:1.5rem 2rem}
h1{font-size:1.5rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #8a8a8a;border-radius:4px}
input:focus,button:focus{outline:3px solid #0f6cbd;outline-offset:2px}
button{font:inherit;font-weight:600;margin-top:1.25rem;padding:.5rem 1rem;border-radius:4px;border:1px solid #0f6cbd;background:#0f6cbd;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0f6cbd;margin-left:.5rem}
[role=alert]{border:1px solid #b10e1c;background:#fdf3f4;color:#b10e1c;padding:.5rem .75rem;border-radius:4px}
.hint{margin-top:1.5rem;font-size:.875rem;color:#424242;border-top:1px solid #e0e0e0;padding-top:1rem}
code{font-size:.95em}
`;

/** Security headers for every page we render; frame-ancestors stops clickjacking of the login form. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Wraps trusted body HTML in the page shell. `title` is escaped here; `bodyHtml` must already be safe. */
export function renderPage(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${bodyHtml}
</main>
</body>
</html>
`;
}
