import { escapeHtml } from './html-escape';
import { renderPage } from './page-layout';

/**
 * The end-session confirmation. `providerFormHtml` is the hidden form oidc-provider generates
 * (id "op.logoutForm", carrying its xsrf token); its buttons submit it via the `form` attribute.
 */
export function renderLogoutConfirmationPage(providerFormHtml: string): string {
  return renderPage(
    'Sign out of Cloister',
    `<h1>Sign out of Cloister?</h1>
${providerFormHtml}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>`,
  );
}

export function renderSignedOutPage(clientName: string | undefined): string {
  const from = clientName ? ` of ${escapeHtml(clientName)}` : '';
  return renderPage('Signed out', `<h1>You are signed out</h1>\n<p>You have signed out${from}.</p>`);
}
