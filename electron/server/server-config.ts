/**
 * The district server's settings, from the environment (and `--listen`). Everything is checked
 * before anything starts: a setting that would leave the server unsafe or unusable is refused in
 * one message that names the variable and what to set instead.
 */
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { checkAddress } from '../core/mail/mail-message';
import { redactSmtpUrl, type MailSettings } from '../core/mail/mail-settings';
import { DEFAULT_DESK_PHONE } from '../core/support/support-requests';
import { isLoopbackAddress, parseProxyTrust, type ProxyTrust } from './proxy-trust';

export interface ListenAddress {
  /** '' listens on every interface (a wildcard, like 0.0.0.0 and ::). */
  host: string;
  /** 0: a free port (tests). */
  port: number;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The words on the sign-in button ("Sign in with Lakeside ISD"). */
  label: string;
  /** A plain-HTTP issuer is accepted on this machine only (a test or a local provider). */
  allowHttpIssuer: boolean;
}

export interface ServerConfig {
  database: { kind: 'postgres'; url: string };
  listen: ListenAddress;
  tls: { cert: Buffer; key: Buffer } | null;
  trustProxy: ProxyTrust | null;
  /**
   * The origin people open (scheme, host, port), used for the Origin check and the OIDC redirect
   * URI; null: derived from the address the server binds (only when that is not a wildcard).
   */
  publicUrl: string | null;
  oidc: OidcSettings | null;
  passwordSignIn: boolean;
  sessionHours: number;
  idleMinutes: number;
  /** `--now`: the instant the desk's clock starts at (it then runs on); null: the system clock. */
  startAt: number | null;
  /** The mail server and From address of the desk's email; null: not configured (messages wait in the outbox). */
  mail: MailSettings | null;
  /** How employees reach the desk by phone, as the Tech Support Center tells them (priority 1: call now). */
  deskPhone: string;
}

export class ConfigError extends Error {}

export const DEFAULT_LISTEN = '127.0.0.1:8080';
export const DEFAULT_SESSION_HOURS = 12;
export const DEFAULT_IDLE_MINUTES = 60;
const DEFAULT_SSO_LABEL = 'District sign-in';

export interface ConfigSources {
  env: NodeJS.ProcessEnv;
  argv?: readonly string[];
}

/** Reads and checks every setting; throws ConfigError naming the first problem. */
export function parseServerConfig({ env, argv = [] }: ConfigSources): ServerConfig {
  const flags = parseFlags(argv);
  const database = parseDatabase(env.DESKWATCH_DATABASE_URL);
  const listenText = flags.listen ?? setting(env, 'DESKWATCH_LISTEN') ?? DEFAULT_LISTEN;
  const listen = parseListen(listenText, flags.listen !== undefined ? '--listen' : 'DESKWATCH_LISTEN');
  const tlsFiles = parseTls(env);
  const proxyText = setting(env, 'DESKWATCH_TRUST_PROXY');
  const trustProxy = proxyText === undefined ? null : wrap(() => parseProxyTrust(proxyText));
  if (isWildcard(listen.host) && !tlsFiles && !trustProxy) {
    throw new ConfigError(
      `Refusing to listen on every interface (${listenText}) over plain HTTP: sign-in passwords and session cookies would cross the network unencrypted. ` +
        'Set DESKWATCH_TLS_CERT and DESKWATCH_TLS_KEY to serve HTTPS, or DESKWATCH_TRUST_PROXY when a reverse proxy terminates HTTPS, ' +
        `or listen on one address (DESKWATCH_LISTEN=${DEFAULT_LISTEN}).`,
    );
  }
  const publicUrl = parsePublicUrl(env, listen, tlsFiles !== null, trustProxy !== null);
  const oidc = parseOidc(env);
  const passwordSignIn = parseOnOff(env, 'DESKWATCH_PASSWORD_SIGN_IN', true);
  if (!oidc && !passwordSignIn) {
    throw new ConfigError('Nobody could sign in: DESKWATCH_PASSWORD_SIGN_IN is off and no single sign-on is set (DESKWATCH_OIDC_ISSUER, DESKWATCH_OIDC_CLIENT_ID).');
  }
  return {
    database,
    listen,
    tls: tlsFiles,
    trustProxy,
    publicUrl,
    oidc,
    passwordSignIn,
    sessionHours: parseNumber(env, 'DESKWATCH_SESSION_HOURS', DEFAULT_SESSION_HOURS, { min: 0.01, max: 24 * 30, unit: 'hours' }),
    idleMinutes: parseNumber(env, 'DESKWATCH_IDLE_MINUTES', DEFAULT_IDLE_MINUTES, { min: 1, max: 60 * 24 * 30, unit: 'minutes', integer: true }),
    mail: parseMail(env),
    deskPhone: parseDeskPhone(env),
    startAt: flags.now === undefined ? null : parseStartAt(flags.now),
  };
}

/**
 * `--now ISO`: the desk's clock starts at this instant and runs on from there, as `npm run web
 * -- --now` does: to show or check what happens at 4:30 PM or on a Saturday without waiting for one.
 */
function parseStartAt(text: string): number {
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    throw new ConfigError(`--now must be an ISO 8601 instant with its offset, such as 2026-12-02T16:30:00-06:00, got "${text}"`);
  }
  return parsed.toMillis();
}

/** The address with its port as a URL host (`[::1]:8080`). */
export function hostWithPort(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** The public origin, once the port is known (a configured one wins). */
export function publicOriginOf(config: Pick<ServerConfig, 'publicUrl' | 'tls' | 'listen'>, boundPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  return `${config.tls ? 'https' : 'http'}://${hostWithPort(config.listen.host, boundPort)}`;
}

export function isWildcard(host: string): boolean {
  if (host === '') return true;
  if (net.isIPv4(host)) return host === '0.0.0.0';
  if (net.isIPv6(host)) return /^[0:]+$/.test(host);
  return false;
}

function parseFlags(argv: readonly string[]): { listen?: string; now?: string } {
  if (argv.includes('--db') || argv.some((arg) => arg.startsWith('--db='))) {
    throw new ConfigError('--db names a SQLite file, which is for one machine (npm run web); the district server runs on PostgreSQL: set DESKWATCH_DATABASE_URL.');
  }
  try {
    const { values } = parseArgs({ args: [...argv], options: { listen: { type: 'string' }, now: { type: 'string' } }, strict: true, allowPositionals: false });
    return { ...(values.listen !== undefined ? { listen: values.listen } : {}), ...(values.now !== undefined ? { now: values.now } : {}) };
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)} (the server takes --listen HOST:PORT and --now ISO; everything else is set in the environment)`);
  }
}

function parseDatabase(value: string | undefined): ServerConfig['database'] {
  const url = value?.trim();
  if (!url) {
    throw new ConfigError('DESKWATCH_DATABASE_URL is not set: the district server needs PostgreSQL, e.g. DESKWATCH_DATABASE_URL=postgres://deskwatch:PASSWORD@db.example.org:5432/deskwatch');
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    const sqlite = /^(sqlite|file):/i.test(url) || /\.(sqlite3?|db)$/i.test(url);
    throw new ConfigError(
      `${sqlite ? 'The district server does not run on SQLite (one machine\'s file; use npm run web for that). ' : ''}` +
        'DESKWATCH_DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://deskwatch:PASSWORD@db.example.org:5432/deskwatch',
    );
  }
  return { kind: 'postgres', url };
}

function parseListen(text: string, source: string): ListenAddress {
  const value = text.trim();
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d+)$/.exec(value);
  if (!match) throw new ConfigError(`${source} must be HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), got "${text}"`);
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port > 65535) throw new ConfigError(`${source}: the port must be from 0 to 65535, got ${match[3]}`);
  if (match[1] !== undefined && !net.isIPv6(host)) throw new ConfigError(`${source}: "[${host}]" is not an IPv6 address`);
  if (host !== '' && !net.isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) {
    throw new ConfigError(`${source}: "${host}" is neither an IP address nor a host name`);
  }
  return { host, port };
}

function parseTls(env: NodeJS.ProcessEnv): ServerConfig['tls'] {
  const certPath = setting(env, 'DESKWATCH_TLS_CERT');
  const keyPath = setting(env, 'DESKWATCH_TLS_KEY');
  if (certPath === undefined && keyPath === undefined) return null;
  if (certPath === undefined) throw new ConfigError('DESKWATCH_TLS_KEY is set but DESKWATCH_TLS_CERT is not: HTTPS needs both the certificate and its key (PEM files).');
  if (keyPath === undefined) throw new ConfigError('DESKWATCH_TLS_CERT is set but DESKWATCH_TLS_KEY is not: HTTPS needs both the certificate and its key (PEM files).');
  const cert = readPem('DESKWATCH_TLS_CERT', certPath, 'certificate');
  const key = readPem('DESKWATCH_TLS_KEY', keyPath, 'private key');
  try {
    tls.createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(
      `DESKWATCH_TLS_CERT (${certPath}) and DESKWATCH_TLS_KEY (${keyPath}) cannot serve HTTPS together: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { cert, key };
}

function readPem(name: string, file: string, what: string): Buffer {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${name}: cannot read the ${what} file ${file} (${reason})`);
  }
  if (!body.toString('latin1').includes('-----BEGIN ')) throw new ConfigError(`${name}: ${file} is not a PEM file (it should start with -----BEGIN …)`);
  return body;
}

function parsePublicUrl(env: NodeJS.ProcessEnv, listen: ListenAddress, hasTls: boolean, hasProxy: boolean): string | null {
  const text = setting(env, 'DESKWATCH_PUBLIC_URL');
  if (text === undefined) {
    if (isWildcard(listen.host)) {
      throw new ConfigError(
        'DESKWATCH_PUBLIC_URL is not set: on every interface the server cannot tell which address people open. Set it to that origin, e.g. https://deskwatch.example.org',
      );
    }
    if (hasProxy) {
      throw new ConfigError(
        'DESKWATCH_PUBLIC_URL is not set: behind a reverse proxy (DESKWATCH_TRUST_PROXY) people open the proxy\'s address, not the one the server listens on. Set it to that origin, e.g. https://deskwatch.example.org',
      );
    }
    if (!hasTls && !isLoopbackHost(listen.host)) throw plainHttpRefusal(`http://${hostWithPort(listen.host, listen.port)} (from DESKWATCH_LISTEN)`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`DESKWATCH_PUBLIC_URL must be an origin such as https://deskwatch.example.org, got "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`DESKWATCH_PUBLIC_URL must start with https:// (or http:// on this machine), got "${text}"`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigError(`DESKWATCH_PUBLIC_URL must be an origin only (scheme, host and port: no path, query or credentials), got "${text}"`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname.replace(/^\[(.*)\]$/, '$1'))) throw plainHttpRefusal(text);
  if (url.protocol === 'http:' && hasTls && !hasProxy) {
    throw new ConfigError(`DESKWATCH_PUBLIC_URL is "${text}" but the server serves HTTPS (DESKWATCH_TLS_CERT): give its https:// address.`);
  }
  return url.origin;
}

function plainHttpRefusal(what: string): ConfigError {
  return new ConfigError(
    `Refusing plain HTTP at ${what}: session cookies are Secure, so browsers would not keep them beyond this machine, and passwords would cross the network unencrypted. ` +
      'Serve HTTPS (DESKWATCH_TLS_CERT, DESKWATCH_TLS_KEY) or put it behind a reverse proxy (DESKWATCH_TRUST_PROXY, DESKWATCH_PUBLIC_URL=https://…).',
  );
}

function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || (net.isIP(host) !== 0 && isLoopbackAddress(host));
}

function parseOidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = setting(env, 'DESKWATCH_OIDC_ISSUER');
  const clientId = setting(env, 'DESKWATCH_OIDC_CLIENT_ID');
  const clientSecret = setting(env, 'DESKWATCH_OIDC_CLIENT_SECRET');
  const label = setting(env, 'DESKWATCH_OIDC_LABEL');
  if (issuer === undefined) {
    const stray = [clientId && 'DESKWATCH_OIDC_CLIENT_ID', clientSecret && 'DESKWATCH_OIDC_CLIENT_SECRET', label && 'DESKWATCH_OIDC_LABEL'].filter(Boolean);
    if (stray.length) throw new ConfigError(`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but DESKWATCH_OIDC_ISSUER is not: single sign-on needs the district's issuer URL.`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`DESKWATCH_OIDC_ISSUER must be the identity provider's issuer URL (https://…), got "${issuer}"`);
  }
  const loopback = isLoopbackHost(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`DESKWATCH_OIDC_ISSUER must be an https:// URL (plain http only on this machine), got "${issuer}"`);
  }
  if (clientId === undefined) throw new ConfigError('DESKWATCH_OIDC_ISSUER is set but DESKWATCH_OIDC_CLIENT_ID is not: give the client id the district registered for this server.');
  return {
    issuer,
    clientId,
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    label: label ?? DEFAULT_SSO_LABEL,
    allowHttpIssuer: url.protocol === 'http:',
  };
}

function parseMail(env: NodeJS.ProcessEnv): MailSettings | null {
  const url = setting(env, 'DESKWATCH_SMTP_URL');
  const from = setting(env, 'DESKWATCH_MAIL_FROM');
  if (url === undefined && from === undefined) return null;
  if (url === undefined) throw new ConfigError('DESKWATCH_MAIL_FROM is set but DESKWATCH_SMTP_URL is not: give the mail server, e.g. DESKWATCH_SMTP_URL=smtp://deskwatch:PASSWORD@mail.example.org:587');
  if (from === undefined) throw new ConfigError('DESKWATCH_SMTP_URL is set but DESKWATCH_MAIL_FROM is not: give the address the desk\'s email comes from, e.g. DESKWATCH_MAIL_FROM="Help Desk <helpdesk@example.org>"');
  // The URL may hold the mail account's password: never repeat it in a message.
  const shown = redactSmtpUrl(url);
  const example = 'e.g. smtp://deskwatch:PASSWORD@mail.example.org:587 (STARTTLS) or smtps://…:465 (TLS)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DESKWATCH_SMTP_URL must be a URL, ${example}; got "${shown}"`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new ConfigError(`DESKWATCH_SMTP_URL must start with smtp:// or smtps://, ${example}; got "${shown}"`);
  if (parsed.hostname === '') throw new ConfigError(`DESKWATCH_SMTP_URL names no mail server host, ${example}; got "${shown}"`);
  if (parsed.pathname !== '' && parsed.pathname !== '/') throw new ConfigError(`DESKWATCH_SMTP_URL must not have a path (only host, port, account and ?options), got "${shown}"`);
  return { smtpUrl: url, from: parseFrom(from) };
}

/** Longer than this is not a phone number but a paragraph; it is shown inside a sentence. */
export const MAX_DESK_PHONE_LENGTH = 100;

/**
 * The words employees read after "Call the Help Desk now at": free text ("extension 25888 or
 * 573-214-3333"), so it is checked only for what would break that sentence or an email.
 */
function parseDeskPhone(env: NodeJS.ProcessEnv): string {
  const text = setting(env, 'DESKWATCH_DESK_PHONE');
  if (text === undefined) return DEFAULT_DESK_PHONE;
  const example = `e.g. DESKWATCH_DESK_PHONE="${DEFAULT_DESK_PHONE}"`;
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new ConfigError(`DESKWATCH_DESK_PHONE must be one line of plain text, ${example}`);
  if (text.length > MAX_DESK_PHONE_LENGTH) throw new ConfigError(`DESKWATCH_DESK_PHONE must be at most ${MAX_DESK_PHONE_LENGTH} characters, ${example}; got ${text.length}`);
  if (!/\d/.test(text)) throw new ConfigError(`DESKWATCH_DESK_PHONE must contain the number to call, ${example}; got "${text}"`);
  return text;
}

/** `helpdesk@example.org` or `Help Desk <helpdesk@example.org>` (the name may be quoted). */
function parseFrom(text: string): MailSettings['from'] {
  const named = /^(?:"([^"]*)"|([^"<>]*?))\s*<([^<>]*)>$/.exec(text);
  const name = named ? (named[1] ?? named[2] ?? '').trim() : '';
  const address = named ? named[3] ?? '' : text;
  if (/[\r\n]/.test(name)) throw new ConfigError('DESKWATCH_MAIL_FROM must be one line');
  try {
    return { name: name === '' ? null : name, address: checkAddress(address, 'DESKWATCH_MAIL_FROM') };
  } catch {
    throw new ConfigError(`DESKWATCH_MAIL_FROM must be an address like helpdesk@example.org or "Help Desk <helpdesk@example.org>", got "${text}"`);
  }
}

function parseOnOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = setting(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be "on" or "off", got "${env[name]}"`);
}

function parseNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, limits: { min: number; max: number; unit: string; integer?: boolean }): number {
  const text = setting(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  const shape = limits.integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!shape.test(text) || !Number.isFinite(value) || value < limits.min || value > limits.max) {
    throw new ConfigError(`${name} must be ${limits.integer ? 'a whole number of' : 'a number of'} ${limits.unit} from ${limits.min} to ${limits.max}, got "${text}"`);
  }
  return value;
}

/** A variable's value, or undefined when it is absent or blank. */
function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function wrap<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}
