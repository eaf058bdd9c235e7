/**
 * District single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1):
 * a whole sign-in, and each way one can fail, ending in an SsoError a person can read.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOidcSignIn,
  identityFromClaims,
  SsoConfigError,
  SsoError,
  type OidcSignIn,
  type OidcSignInConfig,
  type SsoFailure,
} from '../../electron/server/auth/oidc-sign-in';
import { completeSignInAtProvider, startOidcProvider, type ProviderAccount, type RunningOidcProvider } from '../support/oidc-provider';
import { freePort } from '../support/free-port';

const REDIRECT_URI = 'https://desk.district.test/api/session/sso/callback';

const ACCOUNTS: ProviderAccount[] = [
  { subject: 'gw-1001', email: 'rosa.diaz@district.test', emailVerified: true, name: 'Rosa Diaz' },
  { subject: 'gw-1002', email: 'new.hire@district.test', emailVerified: false, name: null },
  // As Microsoft Entra without the optional email claim: only the sign-in name.
  { subject: 'entra-7f3a', email: null, emailVerified: null, name: 'Amir Haddad', preferredUsername: 'amir.haddad@district.test' },
  // As Entra with the email claim: no email_verified.
  { subject: 'entra-9c21', email: 'lena.ortiz@district.test', emailVerified: null, name: 'Lena Ortiz' },
];

let provider: RunningOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [REDIRECT_URI], accounts: ACCOUNTS });
});
afterAll(async () => {
  await provider.close();
});

function signInFor(running: RunningOidcProvider, extra: Partial<OidcSignInConfig> = {}): Promise<OidcSignIn> {
  return createOidcSignIn({
    issuer: running.issuer,
    clientId: running.clientId,
    clientSecret: running.clientSecret,
    redirectUri: REDIRECT_URI,
    allowHttpIssuer: true,
    ...extra,
  });
}

async function expectSsoError(promise: Promise<unknown>, reason: SsoFailure): Promise<SsoError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, `expected an SsoError ${reason}`).toBeInstanceOf(SsoError);
  const sso = error as SsoError;
  expect(sso.reason, sso.detail).toBe(reason);
  expect(sso.message).toMatch(/^The sign-in could not be completed: \S/);
  return sso;
}

describe('a sign-in at the district provider', () => {
  it('returns who signed in: issuer, subject, verified email and name', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001', consent: true });

    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('code')).toBeTruthy();
    await expect(signIn.finish(callback, flow)).resolves.toEqual({
      issuer: provider.issuer,
      subject: 'gw-1001',
      email: 'rosa.diaz@district.test',
      emailVerified: true,
      name: 'Rosa Diaz',
    });
  });

  it('asks with PKCE S256, a state, a nonce, the registered redirect URI and openid email profile', async () => {
    const signIn = await signInFor(provider);
    const first = await signIn.begin();
    const second = await signIn.begin();
    const query = new URL(first.url).searchParams;

    expect(first.url.startsWith(`${provider.issuer}/`)).toBe(true);
    expect(Object.fromEntries(query)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      state: first.flow.state,
      nonce: first.flow.nonce,
    });
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The verifier stays with the server: only its hash travels.
    expect(first.url).not.toContain(first.flow.codeVerifier);
    expect(first.flow.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    // Every sign-in gets its own secrets.
    expect(second.flow.state).not.toBe(first.flow.state);
    expect(second.flow.nonce).not.toBe(first.flow.nonce);
    expect(second.flow.codeVerifier).not.toBe(first.flow.codeVerifier);
  });

  it('passes on an unverified address as unverified', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const identity = await signIn.finish(await completeSignInAtProvider(url, { login: 'gw-1002' }), flow);
    expect(identity).toMatchObject({ subject: 'gw-1002', email: 'new.hire@district.test', emailVerified: false, name: null });
  });

  it('takes an Entra sign-in name as the address when there is no email claim, verified only with trustEmailClaim', async () => {
    for (const trustEmailClaim of [false, true]) {
      const signIn = await signInFor(provider, { trustEmailClaim });
      const { url, flow } = await signIn.begin();
      const identity = await signIn.finish(await completeSignInAtProvider(url, { login: 'entra-7f3a' }), flow);
      expect(identity).toMatchObject({ subject: 'entra-7f3a', email: 'amir.haddad@district.test', emailVerified: trustEmailClaim });
    }
  });

  it('counts an email claim without email_verified as verified only with trustEmailClaim', async () => {
    for (const trustEmailClaim of [false, true]) {
      const signIn = await signInFor(provider, { trustEmailClaim });
      const { url, flow } = await signIn.begin();
      const identity = await signIn.finish(await completeSignInAtProvider(url, { login: 'entra-9c21' }), flow);
      expect(identity).toMatchObject({ email: 'lena.ortiz@district.test', emailVerified: trustEmailClaim });
    }
  });
});

describe('a sign-in that cannot be completed', () => {
  it('refuses an answer whose state is not the flow’s, before the code is used', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });

    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-of-this-browser');
    await expectSsoError(signIn.finish(forged, flow), 'state_mismatch');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectSsoError(signIn.finish(missing, flow), 'state_mismatch');
    // Another browser's flow with this browser's answer: the same refusal.
    const other = await signIn.begin();
    await expectSsoError(signIn.finish(callback, other.flow), 'state_mismatch');

    // The code was not spent by the refusals.
    await expect(signIn.finish(callback, flow)).resolves.toMatchObject({ subject: 'gw-1001' });
  });

  it('refuses a code that was used already', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });
    await signIn.finish(callback, flow);

    const error = await expectSsoError(signIn.finish(callback, flow), 'code_rejected');
    expect(error.detail).toContain('invalid_grant');
    expect(error.message).toContain('used already');
  });

  it('refuses a code with another flow’s PKCE verifier or nonce', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });
    const other = await signIn.begin();

    // The provider checks the verifier: the code is refused.
    await expectSsoError(signIn.finish(callback, { ...flow, codeVerifier: other.flow.codeVerifier }), 'code_rejected');

    const second = await signIn.begin();
    const secondCallback = await completeSignInAtProvider(second.url, { login: 'gw-1001' });
    // This client checks the nonce in the ID token.
    const wrongNonce = await expectSsoError(signIn.finish(secondCallback, { ...second.flow, nonce: other.flow.nonce }), 'token_invalid');
    expect(wrongNonce.detail).toContain('nonce');
  });

  it('explains a sign-in cancelled at the provider (error=access_denied)', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001', cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');

    const error = await expectSsoError(signIn.finish(callback, flow), 'access_denied');
    expect(error.message).toBe('The sign-in could not be completed: the sign-in was cancelled or refused at the district sign-in service.');
    expect(error.detail).toContain('access_denied');
  });

  it('explains consent denied at the provider the same way', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001', consent: false });
    await expectSsoError(signIn.finish(callback, flow), 'access_denied');
  });

  it('shows another provider error by its code only, never the provider’s free text', async () => {
    const signIn = await signInFor(provider);
    const { flow } = await signIn.begin();
    const callback = new URL(REDIRECT_URI);
    callback.search = new URLSearchParams({
      error: 'temporarily_unavailable',
      error_description: 'Call 555-0100 to unlock your account',
      state: flow.state,
      iss: provider.issuer,
    }).toString();

    const error = await expectSsoError(signIn.finish(callback, flow), 'idp_error');
    expect(error.message).toContain('(temporarily_unavailable)');
    expect(error.message).not.toContain('555-0100');
    expect(error.detail).toContain('555-0100');
  });

  it('refuses an expired flow and a flow that is not one', async () => {
    const signIn = await signInFor(provider);
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });

    await expectSsoError(signIn.finish(callback, { ...flow, expiresAt: Date.now() - 1 }), 'flow_expired');
    await expectSsoError(signIn.finish(callback, { ...flow, codeVerifier: '' }), 'flow_invalid');
    await expectSsoError(signIn.finish(callback, JSON.parse('null') as typeof flow), 'flow_invalid');
  });

  it('follows the clock it is given for the flow’s lifetime', async () => {
    let now = Date.parse('2026-03-02T14:00:00Z');
    const signIn = await signInFor(provider, { flowTtlSeconds: 120, now: () => now });
    const { url, flow } = await signIn.begin();
    expect(flow.expiresAt).toBe(now + 120_000);
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });
    now += 121_000;
    await expectSsoError(signIn.finish(callback, flow), 'flow_expired');
  });

  it('refuses an answer that carries neither a code nor an error', async () => {
    const signIn = await signInFor(provider);
    const { flow } = await signIn.begin();
    const callback = new URL(`${REDIRECT_URI}?state=${encodeURIComponent(flow.state)}`);
    await expectSsoError(signIn.finish(callback, flow), 'callback_invalid');
  });

  it('says Deskwatch’s registration was refused when the client secret is wrong', async () => {
    const signIn = await signInFor(provider, { clientSecret: 'not-the-secret' });
    const { url, flow } = await signIn.begin();
    const callback = await completeSignInAtProvider(url, { login: 'gw-1001' });
    const error = await expectSsoError(signIn.finish(callback, flow), 'client_rejected');
    expect(error.message).toContain('Tell the administrator');
    expect(error.detail).toContain('401');
  });
});

describe('a provider that is not there', () => {
  let late: RunningOidcProvider | null = null;
  afterEach(async () => {
    await late?.close();
    late = null;
  });

  it('does not fail creation; begin() then says the sign-in service cannot be reached', async () => {
    const port = await freePort();
    const signIn = await createOidcSignIn({
      issuer: `http://127.0.0.1:${port}`,
      clientId: 'deskwatch',
      clientSecret: 'secret',
      redirectUri: REDIRECT_URI,
      allowHttpIssuer: true,
    });

    const error = await expectSsoError(signIn.begin(), 'idp_unreachable');
    expect(error.message).toBe('The sign-in could not be completed: the district sign-in service cannot be reached right now. Try again in a few minutes.');
    expect(error.detail).toContain(`127.0.0.1:${port}`);
    expect(error.detail).toContain('ECONNREFUSED');
    await expectSsoError(signIn.ready(), 'idp_unreachable');
  });

  it('discovers the provider once it comes up, and the sign-in then works', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const clientSecret = 'shared-before-the-provider-starts';
    const signIn = await createOidcSignIn({ issuer, clientId: 'deskwatch', clientSecret, redirectUri: REDIRECT_URI, allowHttpIssuer: true });
    await expectSsoError(signIn.begin(), 'idp_unreachable');

    late = await startOidcProvider({ redirectUris: [REDIRECT_URI], accounts: ACCOUNTS, port, clientSecret });
    expect(late.issuer).toBe(issuer);
    await signIn.ready();
    const { url, flow } = await signIn.begin();
    const identity = await signIn.finish(await completeSignInAtProvider(url, { login: 'gw-1001' }), flow);
    expect(identity).toMatchObject({ issuer, subject: 'gw-1001' });
  });

  it('calls a provider that answers but is not an OpenID provider misconfigured', async () => {
    const server = http.createServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const signIn = await signInFor({ issuer: `http://127.0.0.1:${port}`, clientId: 'deskwatch', clientSecret: 's', close: async () => {} });
      const error = await expectSsoError(signIn.begin(), 'idp_misconfigured');
      expect(error.message).toContain('Tell the administrator');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('settings', () => {
  const good: OidcSignInConfig = { issuer: 'https://accounts.google.com', clientId: 'deskwatch', redirectUri: REDIRECT_URI };

  it.each<[Partial<OidcSignInConfig>, keyof OidcSignInConfig, RegExp]>([
    [{ issuer: 'accounts.google.com' }, 'issuer', /absolute URL/],
    [{ issuer: 'http://idp.district.test' }, 'issuer', /https/],
    [{ clientId: ' ' }, 'clientId', /required/],
    [{ redirectUri: 'http://desk.district.test/api/session/sso/callback' }, 'redirectUri', /https/],
    [{ redirectUri: `${REDIRECT_URI}?from=sso` }, 'redirectUri', /no query/],
    [{ scopes: ['email', 'profile'] }, 'scopes', /openid/],
    [{ scopes: ['openid email'] }, 'scopes', /without spaces/],
    [{ flowTtlSeconds: 0 }, 'flowTtlSeconds', /above 0/],
  ])('refuses %o, naming the setting', async (change, field, problem) => {
    const error = await createOidcSignIn({ ...good, ...change }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SsoConfigError);
    expect((error as SsoConfigError).field).toBe(field);
    expect((error as SsoConfigError).message).toMatch(problem);
  });

  it('allows http on a loopback redirect URI, for a server run on one machine', async () => {
    const port = await freePort();
    const signIn = await createOidcSignIn({
      ...good,
      issuer: `http://127.0.0.1:${port}`,
      allowHttpIssuer: true,
      redirectUri: 'http://127.0.0.1:5173/api/session/sso/callback',
    });
    expect(signIn.label).toBe('District sign-in');
    await expectSsoError(signIn.ready(), 'idp_unreachable');
  });
});

describe('the identity read from ID token claims', () => {
  const base = { iss: 'https://login.microsoftonline.com/tenant/v2.0', sub: 'abc', aud: 'deskwatch', iat: 1, exp: 2 };

  it('skips an Entra guest sign-in name, which is no address', () => {
    const identity = identityFromClaims({ ...base, preferred_username: 'pat_gmail.com#EXT#@district.onmicrosoft.com' }, { trustEmailClaim: true });
    expect(identity).toMatchObject({ email: null, emailVerified: false });
  });

  it('falls back to upn, and skips names that are not addresses', () => {
    expect(identityFromClaims({ ...base, preferred_username: 'DISTRICT\\pat', upn: 'pat@district.test' }, { trustEmailClaim: false })).toMatchObject({
      email: 'pat@district.test',
      emailVerified: false,
    });
  });

  it('believes an explicit email_verified=false over trustEmailClaim, and reads the flag as a string too', () => {
    expect(identityFromClaims({ ...base, email: 'a@district.test', email_verified: false }, { trustEmailClaim: true }).emailVerified).toBe(false);
    expect(identityFromClaims({ ...base, email: 'a@district.test', email_verified: 'true' }, { trustEmailClaim: false }).emailVerified).toBe(true);
  });

  it('builds the name from given and family names when there is no name', () => {
    expect(identityFromClaims({ ...base, given_name: 'Pat', family_name: 'Lee' }, { trustEmailClaim: false }).name).toBe('Pat Lee');
  });
});

