/**
 * District single sign-on: the server's half of an OpenID Connect authorization code flow
 * (PKCE S256, state and nonce), on openid-client. No HTTP here: the server's routes call `begin()`
 * to send a person to the district's identity provider, keep the returned flow with that browser,
 * and call `finish()` with the URL the provider sent the person back to. This module checks the
 * answer (state, PKCE, the ID token's signature, issuer, audience, expiry and nonce) and says who
 * signed in; whether that person is a staff member is the server's decision.
 */
import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';

export interface OidcSignInConfig {
  /**
   * The identity provider's issuer identifier, exactly as its discovery document states it, e.g.
   * `https://accounts.google.com` or `https://login.microsoftonline.com/<tenant id>/v2.0`.
   */
  issuer: string;
  clientId: string;
  /** A confidential client's secret (sent with HTTP Basic). Without one the client is public and PKCE is its only proof. */
  clientSecret?: string;
  /** This server's callback, exactly as registered at the provider: `<public URL>/api/session/sso/callback`. */
  redirectUri: string;
  /** Default `openid email profile`; `openid` is required. */
  scopes?: string[];
  /** The words of the sign-in button (`SessionState.signIn.sso.label`). Default "District sign-in". */
  label?: string;
  /**
   * Count an address as verified although the provider does not say so (see `identityFromClaims`).
   * Only for a single-tenant provider whose addresses the district owns and assigns. Default false.
   */
  trustEmailClaim?: boolean;
  /** Allows an `http://` issuer: only for a local test provider. */
  allowHttpIssuer?: boolean;
  /** How long a started sign-in may take before `finish()` refuses it. Default 600 s. */
  flowTtlSeconds?: number;
  /** How long each request to the provider may take. Default 10 s. */
  timeoutSeconds?: number;
  /** Epoch milliseconds now; default `Date.now` (the server may pass its core's clock). */
  now?: () => number;
}

/**
 * What a started sign-in must keep until the person comes back: the server stores it with that
 * browser (an encrypted, HttpOnly cookie or a server-side row) and hands it to `finish()`. It holds
 * the PKCE verifier, so it must never reach the page's script or the provider.
 */
export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds after which `finish()` refuses the flow. */
  expiresAt: number;
}

/** Who signed in, as the provider vouches for it. Match staff by (issuer, subject) first: an address may change hands. */
export interface SsoIdentity {
  issuer: string;
  /** The provider's stable, never reassigned identifier of the person (`sub`). */
  subject: string;
  email: string | null;
  /** Whether the provider (or, with `trustEmailClaim`, the district's setup) vouches for `email`. */
  emailVerified: boolean;
  name: string | null;
}

export interface OidcSignIn {
  readonly label: string;
  readonly issuer: string;
  /** Resolves once the provider's metadata is known; retries discovery when an earlier attempt failed. Rejects with an SsoError. */
  ready(): Promise<void>;
  /** A fresh sign-in: the provider's URL to send the person to, and the flow to keep until they return. */
  begin(): Promise<{ url: string; flow: SignInFlow }>;
  /** Checks the provider's answer (the callback URL as the server received it) against the flow. Rejects with an SsoError. */
  finish(callbackUrl: URL, flow: SignInFlow): Promise<SsoIdentity>;
}

export type SsoFailure =
  | 'idp_unreachable'
  | 'idp_misconfigured'
  | 'access_denied'
  | 'idp_error'
  | 'state_mismatch'
  | 'flow_expired'
  | 'flow_invalid'
  | 'callback_invalid'
  | 'code_rejected'
  | 'client_rejected'
  | 'token_invalid';

const PROBLEMS: Record<SsoFailure, string> = {
  idp_unreachable: 'the district sign-in service cannot be reached right now. Try again in a few minutes.',
  idp_misconfigured: 'the district sign-in service is not set up correctly for Deskwatch. Tell the administrator.',
  access_denied: 'the sign-in was cancelled or refused at the district sign-in service.',
  idp_error: 'the district sign-in service reported a problem',
  state_mismatch: 'this answer does not belong to the sign-in started in this browser. Start the sign-in again.',
  flow_expired: 'the sign-in took too long. Start the sign-in again.',
  flow_invalid: 'the sign-in was not started in this browser, or its details were lost. Start the sign-in again.',
  callback_invalid: 'the answer from the district sign-in service is incomplete. Start the sign-in again.',
  code_rejected:
    'the district sign-in service refused the sign-in code (it may have been used already or have expired). Start the sign-in again.',
  client_rejected: "the district sign-in service refused Deskwatch's registration. Tell the administrator.",
  token_invalid: 'the identity sent by the district sign-in service could not be verified.',
};

/**
 * A sign-in that could not be completed. `message` is for the person; `reason` and `detail` are
 * for the server's log (`detail` may quote the provider and is never shown: anyone can forge a
 * callback URL with an `error_description` of their choosing).
 */
export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    readonly detail: string,
    options?: { cause?: unknown; providerError?: string },
  ) {
    super(`The sign-in could not be completed: ${problemFor(reason, options?.providerError)}`, { cause: options?.cause });
    this.name = 'SsoError';
  }
}

function problemFor(reason: SsoFailure, providerError: string | undefined): string {
  if (reason !== 'idp_error') return PROBLEMS[reason];
  // Only an OAuth-shaped error code is echoed to the person; free text from the URL is not.
  return providerError !== undefined && /^[a-z_]{1,64}$/.test(providerError)
    ? `${PROBLEMS.idp_error} (${providerError}). Try again, or tell the administrator if it keeps happening.`
    : `${PROBLEMS.idp_error}. Try again, or tell the administrator if it keeps happening.`;
}

/** A setting of the sign-in that cannot work; names the setting. Raised by `createOidcSignIn` before anything is fetched. */
export class SsoConfigError extends Error {
  constructor(
    readonly field: keyof OidcSignInConfig,
    message: string,
  ) {
    super(`District sign-in setting "${field}": ${message}`);
    this.name = 'SsoConfigError';
  }
}

interface Settings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: URL;
  scope: string;
  label: string;
  trustEmailClaim: boolean;
  allowHttpIssuer: boolean;
  flowTtlMs: number;
  timeoutSeconds: number;
  now: () => number;
}

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function readSettings(config: OidcSignInConfig): Settings {
  const issuer = absoluteUrl(config.issuer, 'issuer');
  const allowHttpIssuer = config.allowHttpIssuer === true;
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && allowHttpIssuer)) {
    throw new SsoConfigError('issuer', `must be an https:// URL, got "${config.issuer}" (allowHttpIssuer is for a local test provider only)`);
  }
  if (issuer.search || issuer.hash) throw new SsoConfigError('issuer', `must have no query or fragment, got "${config.issuer}"`);

  if (typeof config.clientId !== 'string' || !config.clientId.trim()) throw new SsoConfigError('clientId', 'is required');
  if (config.clientSecret !== undefined && (typeof config.clientSecret !== 'string' || !config.clientSecret)) {
    throw new SsoConfigError('clientSecret', 'must be a non-empty string when given');
  }

  const redirectUri = absoluteUrl(config.redirectUri, 'redirectUri');
  // The provider sends the code here in the URL: plain http only where it never leaves the machine.
  if (redirectUri.protocol !== 'https:' && !(redirectUri.protocol === 'http:' && LOOPBACK_HOSTS.has(redirectUri.hostname))) {
    throw new SsoConfigError('redirectUri', `must be an https:// URL (or http:// on 127.0.0.1/localhost), got "${config.redirectUri}"`);
  }
  // finish() rebuilds the callback on this URL with the answer's query: it cannot carry its own.
  if (redirectUri.search || redirectUri.hash) {
    throw new SsoConfigError('redirectUri', `must have no query or fragment, got "${config.redirectUri}"`);
  }

  const scopes = config.scopes ?? DEFAULT_SCOPES;
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw new SsoConfigError('scopes', 'must be a list of scope names without spaces or quotes');
  }
  if (!scopes.includes('openid')) throw new SsoConfigError('scopes', 'must include "openid" (without it there is no ID token)');

  const label = config.label ?? 'District sign-in';
  if (typeof label !== 'string' || !label.trim()) throw new SsoConfigError('label', 'must be non-empty words for the sign-in button');

  return {
    issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri,
    scope: [...new Set(scopes)].join(' '),
    label: label.trim(),
    trustEmailClaim: config.trustEmailClaim === true,
    allowHttpIssuer,
    flowTtlMs: positiveSeconds(config.flowTtlSeconds, 600, 'flowTtlSeconds') * 1000,
    timeoutSeconds: positiveSeconds(config.timeoutSeconds, 10, 'timeoutSeconds'),
    now: config.now ?? Date.now,
  };
}

function absoluteUrl(value: unknown, field: 'issuer' | 'redirectUri'): URL {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new SsoConfigError(field, `must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  return new URL(value);
}

function positiveSeconds(value: number | undefined, fallback: number, field: 'flowTtlSeconds' | 'timeoutSeconds'): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new SsoConfigError(field, `must be a whole number of seconds above 0, got ${value}`);
  return value;
}

/**
 * Reads the settings (a bad one throws SsoConfigError) and starts discovering the provider in the
 * background. The provider being down does not fail this: the server starts, local accounts work,
 * and `ready()`/`begin()` try discovery again until it succeeds.
 */
export async function createOidcSignIn(config: OidcSignInConfig): Promise<OidcSignIn> {
  const settings = readSettings(config);
  let discovered: Promise<oidc.Configuration> | null = null;

  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= discover(settings).catch((error: unknown) => {
      discovered = null; // the next sign-in tries again
      throw error;
    });
    return discovered;
  };
  // Warm up now so the first sign-in need not wait; a failure is remembered only as "try again".
  configuration().catch(() => undefined);

  return {
    label: settings.label,
    issuer: config.issuer,
    async ready() {
      await configuration();
    },
    async begin() {
      const client = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const flow: SignInFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier,
        expiresAt: settings.now() + settings.flowTtlMs,
      };
      const url = oidc.buildAuthorizationUrl(client, {
        redirect_uri: settings.redirectUri.href,
        scope: settings.scope,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, flow };
    },
    async finish(callbackUrl, flow) {
      const checked = checkFlow(flow);
      if (settings.now() > checked.expiresAt) {
        throw new SsoError('flow_expired', `the flow expired at ${new Date(checked.expiresAt).toISOString()}`);
      }
      if (!(callbackUrl instanceof URL)) throw new SsoError('callback_invalid', 'finish() was given no callback URL');
      const answer = callbackUrl.searchParams;
      // Checked before anything else: an answer for another browser's sign-in is not looked at further.
      const state = answer.get('state');
      if (state === null || !sameSecret(state, checked.state)) {
        throw new SsoError('state_mismatch', state === null ? 'the callback carries no state' : 'the callback state differs from the flow');
      }
      if (!answer.has('code') && !answer.has('error')) throw new SsoError('callback_invalid', 'the callback carries neither code nor error');

      const client = await configuration();
      // The token request must name the redirect URI of the authorization request; the URL the
      // server saw may differ (a reverse proxy, another host name), so the answer is re-based on it.
      const received = new URL(settings.redirectUri);
      received.search = callbackUrl.search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(client, received, {
          pkceCodeVerifier: checked.codeVerifier,
          expectedState: checked.state,
          expectedNonce: checked.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw grantFailure(error);
      }
      const claims = tokens.claims();
      if (!claims) throw new SsoError('token_invalid', 'the token response carries no ID token');
      return identityFromClaims(claims, { trustEmailClaim: settings.trustEmailClaim });
    },
  };
}

async function discover(settings: Settings): Promise<oidc.Configuration> {
  const clientAuth = settings.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(settings.clientSecret);
  try {
    return await oidc.discovery(settings.issuer, settings.clientId, undefined, clientAuth, {
      timeout: settings.timeoutSeconds,
      execute: settings.allowHttpIssuer ? [oidc.allowInsecureRequests] : [],
    });
  } catch (error) {
    const detail = `discovery at ${settings.issuer.href} failed: ${describe(error)}`;
    throw new SsoError(isUnreachable(error) ? 'idp_unreachable' : 'idp_misconfigured', detail, { cause: error });
  }
}

/** The provider could not be asked (network, timeout, its own outage), as opposed to answering wrongly. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch's "fetch failed": refused, reset, no such host
  if (!(error instanceof oidc.ClientError)) return false;
  if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return true;
  return error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && error.cause instanceof Response && error.cause.status >= 500;
}

function grantFailure(error: unknown): SsoError {
  if (error instanceof SsoError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    const detail = `the provider answered error=${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
    return error.error === 'access_denied'
      ? new SsoError('access_denied', detail, { cause: error })
      : new SsoError('idp_error', detail, { cause: error, providerError: error.error });
  }
  if (error instanceof oidc.ResponseBodyError) {
    const detail = `the token endpoint answered ${error.status} error=${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
    const reason = error.error === 'invalid_client' || error.error === 'unauthorized_client' ? 'client_rejected' : 'code_rejected';
    return new SsoError(reason, detail, { cause: error });
  }
  // A wrong client secret with HTTP Basic comes back as 401 with a WWW-Authenticate challenge.
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const errors = error.cause.map((challenge) => challenge.parameters.error).filter((code) => code !== undefined);
    const detail = `the token endpoint answered ${error.status} with a challenge${errors.length ? `: error=${errors.join(', ')}` : ''}`;
    const refused = error.status === 401 || errors.includes('invalid_client');
    return new SsoError(refused ? 'client_rejected' : 'code_rejected', detail, { cause: error });
  }
  if (isUnreachable(error)) return new SsoError('idp_unreachable', `the token request failed: ${describe(error)}`, { cause: error });
  return new SsoError('token_invalid', `the provider's answer failed a check: ${describe(error)}`, { cause: error });
}

/** A flow comes back from storage the server keeps per browser: anything else than what begin() made is refused. */
function checkFlow(flow: unknown): SignInFlow {
  if (typeof flow !== 'object' || flow === null) throw new SsoError('flow_invalid', 'no flow was given');
  const { state, nonce, codeVerifier, expiresAt } = flow as Record<string, unknown>;
  for (const [name, value] of Object.entries({ state, nonce, codeVerifier })) {
    if (typeof value !== 'string' || !value) throw new SsoError('flow_invalid', `the flow's ${name} is missing`);
  }
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) throw new SsoError('flow_invalid', "the flow's expiresAt is missing");
  return { state, nonce, codeVerifier, expiresAt } as SignInFlow;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(`${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${current.message}`);
    current = current.cause;
  }
  return parts.length ? parts.join(' <- ') : String(error);
}

/**
 * The identity in a verified ID token.
 *
 * The address: the `email` claim when present. Microsoft Entra sends `email` only when the user
 * has a mailbox address set and the app asked for it as an optional claim, so without it an
 * email-shaped `preferred_username` or `upn` (in Entra, the sign-in name, usually the address) is
 * taken; a guest's `…#EXT#@tenant.onmicrosoft.com` name is not an address and is skipped.
 *
 * Whether it is verified: what the provider says in `email_verified` (Google sends it), and only
 * about the `email` claim. When the provider says nothing (Entra never does), the address counts
 * as verified only with `trustEmailClaim`: in Entra these values can be set by a tenant's admins
 * (and a multi-tenant app sees other tenants' values, the "nOAuth" mix-up), so they prove an
 * address only when the district's own single tenant owns the domain and assigns the addresses.
 */
export function identityFromClaims(claims: oidc.IDToken, options: { trustEmailClaim: boolean }): SsoIdentity {
  let email: string | null = null;
  let verified = false;
  const stated = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (stated && looksLikeEmail(stated)) {
    email = stated;
    const says = claims.email_verified;
    // Some providers send the flag as a string.
    if (says === true || says === 'true') verified = true;
    else if (says === false || says === 'false') verified = false;
    else verified = options.trustEmailClaim;
  } else {
    for (const name of ['preferred_username', 'upn'] as const) {
      const value = claims[name];
      if (typeof value === 'string' && looksLikeEmail(value.trim()) && !value.includes('#EXT#')) {
        email = value.trim();
        verified = options.trustEmailClaim;
        break;
      }
    }
  }
  return { issuer: claims.iss, subject: claims.sub, email, emailVerified: email !== null && verified, name: nameFrom(claims) };
}

function looksLikeEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

function nameFrom(claims: oidc.IDToken): string | null {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter((part): part is string => typeof part === 'string' && !!part.trim());
  return parts.length ? parts.map((part) => part.trim()).join(' ') : null;
}
