import { escapeHtml } from './html-escape';
import { renderPage } from './page-layout';

export const WRONG_CREDENTIALS_MESSAGE = 'Wrong email or password.';

export interface LoginPageModel {
  /** Where the form posts; already includes the interaction uid. */
  action: string;
  /** The email to prefill after a failed attempt. */
  email?: string;
  error?: string;
  /** Shown as a hint because this IdP only runs in local mode. */
  demoPassword: string;
  knownEmails: readonly string[];
}

export function renderLoginPage(model: LoginPageModel): string {
  const error = model.error ? `<p role="alert" id="login-error">${escapeHtml(model.error)}</p>\n` : '';
  const describedBy = model.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const knownUsers =
    model.knownEmails.length > 0
      ? `<p>Known users:</p>\n<ul>${model.knownEmails.map((email) => `<li><code>${escapeHtml(email)}</code></li>`).join('')}</ul>\n`
      : '';
  const body = `<h1>Sign in to Cloister</h1>
${error}<form method="post" action="${escapeHtml(model.action)}" novalidate>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(model.email ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<button type="submit">Sign in</button>
</form>
<section class="hint" aria-label="Local mode sign-in help">
<p>Local mode: any email address signs in with the password <code>${escapeHtml(model.demoPassword)}</code>.</p>
${knownUsers}</section>`;
  return renderPage('Sign in to Cloister', body);
}
