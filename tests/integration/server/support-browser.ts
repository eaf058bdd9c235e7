/**
 * What the Tech Support Center's page does in a browser, for the server tests: signs in through
 * the district provider and the server's callback, keeps the employee cookie, sends Origin and
 * the CSRF token with every call.
 */
import { expect } from 'vitest';
import type { EmployeeProfile } from '../../../shared/support';
import { SSO_BINDING_COOKIE, SUPPORT_COOKIE } from '../../../electron/server/session-cookie';
import { completeSignInAtProvider } from '../../support/oidc-provider';
import { request, type HttpAnswer } from './server-fixture';

export function cookieLineOf(answer: HttpAnswer, name: string): string | null {
  return (answer.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${name}=`)) ?? null;
}

export function cookieOf(answer: HttpAnswer, name: string): string | null {
  const value = /^[^=]+=([^;]*)/.exec(cookieLineOf(answer, name) ?? '')?.[1];
  return value ? decodeURIComponent(value) : null;
}

export type SupportSession = { employee: EmployeeProfile | null; signIn: { sso: { label: string } | null }; csrf?: string };

/** What the support page does in a browser: its cookie rides along, Origin is this server, the CSRF token goes in a header. */
export class SupportBrowser {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly origin: string) {}

  headers(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      origin: this.origin,
      ...(this.cookie ? { cookie: `${SUPPORT_COOKIE}=${this.cookie}` } : {}),
      ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...extra,
    };
  }

  async session(): Promise<SupportSession> {
    const answer = await request(`${this.origin}/api/support/session`, { headers: this.headers() });
    expect(answer.status, answer.body).toBe(200);
    const value = answer.json<{ ok: true; value: SupportSession }>().value;
    if (value.csrf) this.csrf = value.csrf;
    return value;
  }

  invoke(channel: string, input: unknown, extra: Record<string, string | undefined> = {}, body?: string): Promise<HttpAnswer> {
    return request(`${this.origin}/api/support/invoke/${channel}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...extra }),
      body: body ?? JSON.stringify({ input }),
    });
  }

  signOut(extra: Record<string, string | undefined> = {}): Promise<HttpAnswer> {
    return request(`${this.origin}/api/support/signout`, { method: 'POST', headers: this.headers(extra) });
  }
}

/** The support page's sign-in button, the provider, and the callback, as a browser goes through them. */
export async function signInThroughSupport(origin: string, login: string, returnTo = '/support', cookies: string[] = []): Promise<{ done: HttpAnswer; browser: SupportBrowser }> {
  const begun = await request(`${origin}/api/support/sso?return=${encodeURIComponent(returnTo)}`);
  expect(begun.status, begun.body).toBe(302);
  const binding = cookieOf(begun, SSO_BINDING_COOKIE);
  expect(binding).toBeTruthy();
  const location = begun.headers.location ?? '';
  // The same registered callback as the console's.
  expect(new URL(location).searchParams.get('redirect_uri')).toBe(`${origin}/api/session/sso/callback`);
  const back = await completeSignInAtProvider(location, { login });
  const done = await request(back.href, { headers: { cookie: [`${SSO_BINDING_COOKIE}=${binding ?? ''}`, ...cookies].join('; ') } });
  const browser = new SupportBrowser(origin);
  browser.cookie = cookieOf(done, SUPPORT_COOKIE);
  return { done, browser };
}

/** Signs in and reads the session (its CSRF token), failing loudly when that does not work. */
export async function signedInAtSupport(origin: string, login: string): Promise<SupportBrowser> {
  const { done, browser } = await signInThroughSupport(origin, login);
  expect(done.status, done.body).toBe(302);
  await browser.session();
  return browser;
}
