import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { isPlausibleEmail, type LocalAccountDirectory } from './local-account-directory';
import { WRONG_CREDENTIALS_MESSAGE, renderLoginPage } from './login-page';
import { PAGE_SECURITY_HEADERS } from './page-layout';
import { LOCAL_SCOPE } from './access-token-claims';

export interface InteractionHandlerInput {
  provider: Provider;
  accounts: LocalAccountDirectory;
  audience: string;
  demoPassword: string;
  knownEmails: readonly string[];
}

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/;
const MAX_FORM_BYTES = 16 * 1024;

export function isInteractionPath(pathname: string): boolean {
  return INTERACTION_PATH.test(pathname);
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...PAGE_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new Error('form body too large');
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Our own sign-in UI for oidc-provider's interactions: the login prompt renders the form,
 * and the consent prompt (should it ever appear) is granted implicitly for the first-party portal.
 */
export function createInteractionHandler(input: InteractionHandlerInput) {
  const { provider, accounts } = input;

  const loginPage = (uid: string, status: number, res: ServerResponse, email?: string, error?: string) =>
    sendHtml(
      res,
      status,
      renderLoginPage({ action: `/interaction/${uid}/login`, email, error, demoPassword: input.demoPassword, knownEmails: input.knownEmails }),
    );

  async function grantConsent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const { accountId } = details.session ?? {};
    const clientId = details.params['client_id'];
    if (!accountId || typeof clientId !== 'string') throw new Error('consent prompt without a signed-in account');
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
      : new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(`${LOCAL_SCOPE} offline_access`);
    grant.addResourceScope(input.audience, LOCAL_SCOPE);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const match = INTERACTION_PATH.exec(pathname);
    if (!match) throw new Error(`not an interaction path: ${pathname}`);
    const uid = match[1] ?? '';
    const isLoginSubmit = match[2] === '/login';

    if (!isLoginSubmit && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction cookie does not match the URL');
      if (details.prompt.name === 'consent') return grantConsent(req, res);
      return loginPage(uid, 200, res);
    }

    if (isLoginSubmit && req.method === 'POST') {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid || details.prompt.name !== 'login') throw new Error('no login pending for this interaction');
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!isPlausibleEmail(email) || !sameSecret(password, input.demoPassword)) {
        return loginPage(uid, 401, res, email, WRONG_CREDENTIALS_MESSAGE);
      }
      const account = accounts.remember(email);
      return provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
    }

    res.writeHead(405, { allow: isLoginSubmit ? 'POST' : 'GET' }).end();
  };
}
