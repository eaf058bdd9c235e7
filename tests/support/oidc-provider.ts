/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, standing in for the district's
 * identity provider in tests: one confidential client that must use PKCE, and the accounts the
 * test gives. Its sign-in and consent pages are plain HTML forms with labelled fields, so a
 * browser (Playwright) can fill them like a person, and `completeSignInAtProvider` can post them
 * from Node with a cookie jar.
 *
 * oidc-provider warns that Node 20 is not a supported runtime and that its in-memory storage is
 * for development: both are true here and harmless for tests, so they are left to print.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type AccountClaims, type Interaction } from 'oidc-provider';

export interface ProviderAccount {
  /** The `sub` claim, and the username typed on the provider's sign-in page. */
  subject: string;
  /** null: no `email` claim at all (as Microsoft Entra without the optional claim). */
  email: string | null;
  /** null: no `email_verified` claim (Entra never sends one). */
  emailVerified: boolean | null;
  name: string | null;
  /** Entra's sign-in name, sent as `preferred_username` when given. */
  preferredUsername?: string;
}

export interface StartOidcProviderOptions {
  redirectUris: string[];
  accounts: ProviderAccount[];
  /** Listen on this port (a test that starts the provider after the server); default a free one. */
  port?: number;
  /** The client's secret; default a random one. */
  clientSecret?: string;
}

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const CLIENT_ID = 'deskwatch';

export async function startOidcProvider(options: StartOidcProviderOptions): Promise<RunningOidcProvider> {
  if (!options.redirectUris.length) throw new Error('startOidcProvider needs at least one redirect URI');
  const accounts = new Map(options.accounts.map((account) => [account.subject, account]));
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');

  // The issuer names the port, so the server listens first and the provider is made after.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount(_context, id): Account | undefined {
      const account = accounts.get(id);
      return account && { accountId: account.subject, claims: () => claimsOf(account) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    // Put the scopes' claims in the ID token itself, as Google and Entra do (the library's default
    // keeps them for the userinfo endpoint when an access token is issued too).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test-signing-key' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError(context, out) {
      context.type = 'html';
      context.body = page(
        'Sign-in error',
        `<h1>Sign-in error</h1>${Object.entries(out)
          .map(([key, value]) => `<p data-error="${html(key)}">${html(key)}: ${html(value)}</p>`)
          .join('')}`,
      );
    },
  });
  provider.on('server_error', (_context, error) => console.error('test OIDC provider:', error));

  const providerHandler = provider.callback();
  handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (!url.pathname.startsWith('/interaction/')) {
      void providerHandler(req, res);
      return;
    }
    interact(provider, accounts, url, req, res).catch((error: unknown) => {
      console.error('test OIDC provider interaction:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function claimsOf(account: ProviderAccount): AccountClaims {
  const claims: AccountClaims = { sub: account.subject };
  if (account.email !== null) {
    claims.email = account.email;
    if (account.emailVerified !== null) claims.email_verified = account.emailVerified;
  }
  if (account.name !== null) claims.name = account.name;
  if (account.preferredUsername !== undefined) claims.preferred_username = account.preferredUsername;
  return claims;
}

/**
 * The provider's own pages: GET /interaction/:uid shows the sign-in or the consent form;
 * POST …/login signs in a listed subject (no password: the accounts are the test's), POST …/consent
 * grants what the client asked for, POST …/abort answers the client with error=access_denied.
 */
async function interact(
  provider: Provider,
  accounts: Map<string, ProviderAccount>,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, , uid, action] = url.pathname.split('/');
  const interaction = await provider.interactionDetails(req, res);
  if (uid !== interaction.uid) throw new Error(`interaction ${uid ?? ''} is not the one in progress`);

  if (req.method === 'GET' && action === undefined) {
    sendHtml(res, 200, interaction.prompt.name === 'login' ? loginPage(interaction, null) : consentPage(interaction));
    return;
  }
  if (req.method !== 'POST') {
    sendHtml(res, 405, page('Not allowed', '<h1>Not allowed</h1>'));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  switch (action) {
    case 'login': {
      const login = form.get('login')?.trim() ?? '';
      if (!accounts.has(login)) {
        sendHtml(res, 200, loginPage(interaction, `No account "${login}" at this provider.`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    case 'consent': {
      const accountId = interaction.session?.accountId;
      const clientId = interaction.params.client_id;
      if (!accountId || typeof clientId !== 'string') throw new Error('consent without a signed-in account or client');
      const grant =
        (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
      const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
      if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    case 'abort':
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return;
    default:
      sendHtml(res, 404, page('Not found', '<h1>Not found</h1>'));
  }
}

function loginPage(interaction: Interaction, problem: string | null): string {
  const base = `/interaction/${html(interaction.uid)}`;
  const hint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : '';
  return page(
    'District sign-in',
    `<h1>District sign-in</h1>
${problem ? `<p role="alert">${html(problem)}</p>` : ''}
<form method="post" action="${base}/login">
  <label for="login">Username</label>
  <input id="login" name="login" type="text" autocomplete="username" required autofocus value="${html(hint)}">
  <button type="submit">Sign in</button>
</form>
<form method="post" action="${base}/abort">
  <button type="submit">Cancel</button>
</form>`,
  );
}

function consentPage(interaction: Interaction): string {
  const base = `/interaction/${html(interaction.uid)}`;
  const scope = typeof interaction.params.scope === 'string' ? interaction.params.scope : '';
  return page(
    'Allow access',
    `<h1>Allow access</h1>
<p>${html(String(interaction.params.client_id))} asks for: ${html(scope)}</p>
<form method="post" action="${base}/consent">
  <button type="submit">Allow</button>
</form>
<form method="post" action="${base}/abort">
  <button type="submit">Deny</button>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${html(title)}</title></head>
<body><main>
${body}
</main></body>
</html>`;
}

function html(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface SignInAtProviderOptions {
  /** The subject to sign in as. */
  login: string;
  /** Allow (default) or deny the consent page; denying answers the client with error=access_denied. */
  consent?: boolean;
  /** Press Cancel on the sign-in page instead of signing in (error=access_denied). */
  cancel?: boolean;
}

/**
 * Does what a person's browser does at the provider, from Node: follows the provider's redirects
 * with a cookie jar, fills the sign-in (and consent) form, and stops at the redirect back to the
 * client's redirect_uri, which it returns (with code and state, or error) without following it.
 */
export async function completeSignInAtProvider(authorizationUrl: string, options: SignInAtProviderOptions): Promise<URL> {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('the authorization URL carries no redirect_uri');
  const target = new URL(redirectUri);
  const jar = new CookieJar();

  let request: { url: URL; form?: URLSearchParams } = { url: new URL(authorizationUrl) };
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(request.url, {
      method: request.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(jar.header(request.url) ? { cookie: jar.header(request.url) } : {}),
      },
      body: request.form?.toString(),
    });
    jar.store(response.headers.getSetCookie());

    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location') ?? '', request.url);
      await response.body?.cancel();
      if (location.origin === target.origin && location.pathname === target.pathname) return location;
      request = { url: location };
      continue;
    }
    const body = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${request.url.pathname}: ${textOf(body)}`);
    const alert = /<p role="alert">([^<]*)<\/p>/.exec(body);
    if (alert) throw new Error(`the provider refused the sign-in: ${alert[1]}`);

    const actions = [...body.matchAll(/<form method="post" action="([^"]+)">/g)].map((match) => new URL(match[1] ?? '', request.url));
    const named = (name: string) => {
      const action = actions.find((url) => url.pathname.endsWith(`/${name}`));
      if (!action) throw new Error(`the provider's page at ${request.url.pathname} has no ${name} form: ${textOf(body)}`);
      return action;
    };
    if (body.includes('name="login"')) {
      request = options.cancel ? { url: named('abort'), form: new URLSearchParams() } : { url: named('login'), form: new URLSearchParams({ login: options.login }) };
    } else {
      request = { url: named(options.consent === false ? 'abort' : 'consent'), form: new URLSearchParams() };
    }
  }
  throw new Error('the provider did not send the browser back to the client within 12 steps');
}

function textOf(body: string): string {
  return body.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Enough of a browser's cookie jar for one host: names, values, paths and deletions. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const split = pair.indexOf('=');
      if (split < 0) continue;
      const name = pair.slice(0, split).trim();
      const value = pair.slice(split + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const setting = rest.join('=').trim();
        if (key.trim().toLowerCase() === 'path' && setting) path = setting;
        if (key.trim().toLowerCase() === 'expires' && Date.parse(setting) <= Date.now()) expired = true;
        if (key.trim().toLowerCase() === 'max-age' && Number(setting) <= 0) expired = true;
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map(([key, cookie]) => `${key.split('\u0000')[0]}=${cookie.value}`)
      .join('; ');
  }
}
