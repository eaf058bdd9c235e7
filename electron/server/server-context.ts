/**
 * What every route of the district server works with: the core, its sign-in services, the
 * settings, and one request with the answer headers it must carry.
 */
import type http from 'node:http';
import type { StaffMember } from '../../shared/domain';
import type { SessionState, SignInOptions } from '../../shared/session';
import type { AuthServices, ResolvedSession, SessionClient, SessionPolicy, SignInMethod } from '../core/auth';
import type { Core } from '../core/core';
import type { OidcSignIn } from './auth/oidc-sign-in';
import { SESSION_COOKIE, readCookie } from './session-cookie';
import { bearerToken } from './request-guards';
import type { RequestClient } from './proxy-trust';
import type { ServerConfig } from './server-config';

export interface ServerContext {
  core: Core;
  auth: AuthServices;
  config: ServerConfig;
  /** The origin people open: the Origin check compares with it, redirects go to it. */
  publicOrigin: string;
  oidc: OidcSignIn | null;
}

/** One request: where it came from and the headers every answer to it carries. */
export interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  client: RequestClient;
  /** Security headers (with HSTS when the request came over HTTPS). */
  headers: Record<string, string>;
}

/** A live session and how the request presented it: a cookie (a browser, CSRF applies) or a bearer token (the desktop app). */
export interface Authenticated {
  via: 'cookie' | 'bearer';
  token: string;
  session: ResolvedSession;
}

/** The token the request presents, if any. A bearer header wins: a browser's page cannot set one for another site. */
export function presentedToken(req: http.IncomingMessage): { via: 'cookie' | 'bearer'; token: string } | null {
  const bearer = bearerToken(req);
  if (bearer) return { via: 'bearer', token: bearer };
  const cookie = readCookie(req, SESSION_COOKIE);
  return cookie ? { via: 'cookie', token: cookie } : null;
}

export async function authenticate(ctx: ServerContext, req: http.IncomingMessage): Promise<Authenticated | null> {
  const presented = presentedToken(req);
  if (!presented) return null;
  const session = await ctx.auth.sessions.resolve(presented.token);
  return session ? { ...presented, session } : null;
}

export function signInOptions(ctx: ServerContext): SignInOptions {
  return { sso: ctx.oidc ? { label: ctx.oidc.label } : null, password: ctx.config.passwordSignIn };
}

export function sessionPolicy(ctx: ServerContext, method: SignInMethod, client: SessionClient): SessionPolicy {
  return { method, client, lifetimeMs: ctx.config.sessionHours * 3_600_000, idleMs: ctx.config.idleMinutes * 60_000 };
}

/** The session as the console sees it (`GET /api/session` and every sign-in answer). */
export function sessionState(ctx: ServerContext, signedIn: { staff: StaffMember; expiresAt: number; idleMs: number | null } | null): SessionState {
  return {
    mode: 'server',
    staff: signedIn?.staff ?? null,
    signIn: signInOptions(ctx),
    expiresAt: signedIn ? new Date(signedIn.expiresAt).toISOString() : null,
    idleTimeoutMinutes: signedIn ? (signedIn.idleMs === null ? null : Math.round(signedIn.idleMs / 60_000)) : ctx.config.idleMinutes,
  };
}
