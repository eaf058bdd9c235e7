import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, parseProxyTrust } from '../../electron/server/proxy-trust';
import { DEFAULT_DESK_PHONE } from '../../electron/core/support/support-requests';
import { ConfigError, isWildcard, MAX_DESK_PHONE_LENGTH, parseServerConfig, publicOriginOf } from '../../electron/server/server-config';
import { selfSignedCertificate, type CertificateFiles } from '../integration/server/self-signed';

const DB = 'postgres://deskwatch:secret@db.example.org:5432/deskwatch';

const parse = (env: Record<string, string>, argv: string[] = []) => parseServerConfig({ env: { DESKWATCH_DATABASE_URL: DB, ...env }, argv });
const refusal = (env: Record<string, string | undefined>, argv: string[] = []): string => {
  try {
    parseServerConfig({ env, argv });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};
const refused = (env: Record<string, string>, argv: string[] = []) => refusal({ DESKWATCH_DATABASE_URL: DB, ...env }, argv);

describe('district server settings', () => {
  let tls: CertificateFiles;
  let other: CertificateFiles;
  beforeAll(() => {
    tls = selfSignedCertificate();
    other = selfSignedCertificate();
  });
  afterAll(() => {
    tls.dispose();
    other.dispose();
  });

  it('defaults: loopback on 8080, password sign-in, 12 hour sessions ending after an idle hour', () => {
    const config = parse({});
    expect(config).toMatchObject({
      database: { kind: 'postgres', url: DB },
      listen: { host: '127.0.0.1', port: 8080 },
      tls: null,
      trustProxy: null,
      publicUrl: null,
      oidc: null,
      passwordSignIn: true,
      sessionHours: 12,
      idleMinutes: 60,
      mail: null,
      deskPhone: DEFAULT_DESK_PHONE,
      startAt: null,
    });
    expect(publicOriginOf(config, 8080)).toBe('http://127.0.0.1:8080');
  });

  it('starts the desk clock at --now when given one with its offset, and refuses one without', () => {
    expect(parse({}, ['--now', '2026-12-02T16:30:00-06:00']).startAt).toBe(Date.parse('2026-12-02T22:30:00Z'));
    expect(parse({}, ['--now=2026-12-02T23:00:00Z']).startAt).toBe(Date.parse('2026-12-02T23:00:00Z'));
    expect(refused({}, ['--now', '2026-12-02T16:30:00'])).toMatch(/--now must be an ISO 8601 instant with its offset/);
    expect(refused({}, ['--now', 'tomorrow'])).toMatch(/--now must be an ISO 8601 instant.*got "tomorrow"/);
  });

  it('refuses a missing database URL, naming what to set', () => {
    expect(refusal({})).toMatch(/DESKWATCH_DATABASE_URL is not set.*postgres:\/\//);
    expect(refusal({ DESKWATCH_DATABASE_URL: '   ' })).toMatch(/DESKWATCH_DATABASE_URL is not set/);
  });

  it('refuses SQLite and anything else that is not PostgreSQL', () => {
    expect(refusal({ DESKWATCH_DATABASE_URL: 'sqlite:///var/lib/deskwatch.sqlite' })).toMatch(/does not run on SQLite.*postgres:\/\//);
    expect(refusal({ DESKWATCH_DATABASE_URL: '/var/lib/deskwatch/deskwatch.sqlite' })).toMatch(/does not run on SQLite/);
    expect(refusal({ DESKWATCH_DATABASE_URL: 'mysql://db/deskwatch' })).toMatch(/must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(refused({}, ['--db', 'x.sqlite'])).toMatch(/--db names a SQLite file.*DESKWATCH_DATABASE_URL/);
  });

  it('takes the listen address from --listen over DESKWATCH_LISTEN, including IPv6', () => {
    expect(parse({ DESKWATCH_LISTEN: '127.0.0.1:9000' }).listen).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parse({ DESKWATCH_LISTEN: '127.0.0.1:9000' }, ['--listen', '[::1]:9100']).listen).toEqual({ host: '::1', port: 9100 });
    expect(publicOriginOf(parse({}, ['--listen', '[::1]:9100']), 9100)).toBe('http://[::1]:9100');
    expect(parse({}, ['--listen=localhost:0']).listen).toEqual({ host: 'localhost', port: 0 });
  });

  it('refuses a listen address it cannot read, and unknown flags', () => {
    expect(refused({ DESKWATCH_LISTEN: '8080' })).toMatch(/DESKWATCH_LISTEN must be HOST:PORT/);
    expect(refused({}, ['--listen', '127.0.0.1:70000'])).toMatch(/--listen: the port must be from 0 to 65535/);
    expect(refused({ DESKWATCH_LISTEN: '[nope]:80' })).toMatch(/not an IPv6 address/);
    expect(refused({ DESKWATCH_LISTEN: 'bad_host!:80' })).toMatch(/neither an IP address nor a host name/);
    expect(refused({}, ['--port', '8080'])).toMatch(/--port.*--listen HOST:PORT/);
  });

  it('refuses to listen on a wildcard address over plain HTTP without a proxy, saying why', () => {
    for (const listen of ['0.0.0.0:8080', '[::]:8080', ':8080', '[0:0:0:0:0:0:0:0]:8080']) {
      const message = refused({ DESKWATCH_LISTEN: listen });
      expect(message).toMatch(/Refusing to listen on every interface/);
      expect(message).toMatch(/unencrypted/);
      expect(message).toMatch(/DESKWATCH_TLS_CERT.*DESKWATCH_TRUST_PROXY/);
    }
    expect(isWildcard('0.0.0.0') && isWildcard('::') && isWildcard('') && !isWildcard('127.0.0.1') && !isWildcard('::1')).toBe(true);
  });

  it('listens on a wildcard with TLS or a proxy, given the public URL', () => {
    const withTls = parse({ DESKWATCH_LISTEN: '0.0.0.0:8443', DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key, DESKWATCH_PUBLIC_URL: 'https://desk.example.org' });
    expect(withTls.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(withTls.publicUrl).toBe('https://desk.example.org');
    const proxied = parse({ DESKWATCH_LISTEN: '[::]:8080', DESKWATCH_TRUST_PROXY: 'loopback, 10.0.0.2', DESKWATCH_PUBLIC_URL: 'https://desk.example.org/' });
    expect(proxied.trustProxy).toEqual({ loopback: true, addresses: ['10.0.0.2'] });
    expect(proxied.publicUrl).toBe('https://desk.example.org');
    expect(refused({ DESKWATCH_LISTEN: '0.0.0.0:8443', DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key })).toMatch(/DESKWATCH_PUBLIC_URL is not set.*every interface/);
    expect(refused({ DESKWATCH_TRUST_PROXY: 'loopback' })).toMatch(/DESKWATCH_PUBLIC_URL is not set.*reverse proxy/);
  });

  it('derives the public URL from the listen address and TLS', () => {
    const config = parse({ DESKWATCH_LISTEN: '127.0.0.1:0', DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key });
    expect(publicOriginOf(config, 45123)).toBe('https://127.0.0.1:45123');
    expect(publicOriginOf(parse({ DESKWATCH_LISTEN: '10.1.2.3:443', DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key }), 443)).toBe('https://10.1.2.3:443');
  });

  it('refuses plain HTTP beyond this machine: cookies are Secure', () => {
    expect(refused({ DESKWATCH_LISTEN: '10.1.2.3:8080' })).toMatch(/Refusing plain HTTP at http:\/\/10\.1\.2\.3:8080/);
    expect(refused({ DESKWATCH_PUBLIC_URL: 'http://desk.example.org' })).toMatch(/Refusing plain HTTP at http:\/\/desk\.example\.org/);
    expect(parse({ DESKWATCH_PUBLIC_URL: 'http://localhost:8080' }).publicUrl).toBe('http://localhost:8080');
    expect(refused({ DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.key, DESKWATCH_PUBLIC_URL: 'http://127.0.0.1:8080' })).toMatch(/serves HTTPS.*https:\/\//);
  });

  it('refuses a public URL that is not an origin', () => {
    expect(refused({ DESKWATCH_PUBLIC_URL: 'desk.example.org' })).toMatch(/DESKWATCH_PUBLIC_URL must be an origin/);
    expect(refused({ DESKWATCH_PUBLIC_URL: 'ftp://desk.example.org' })).toMatch(/must start with https:\/\//);
    expect(refused({ DESKWATCH_PUBLIC_URL: 'https://desk.example.org/console' })).toMatch(/origin only/);
    expect(refused({ DESKWATCH_PUBLIC_URL: 'https://a:b@desk.example.org' })).toMatch(/origin only/);
  });

  it('refuses TLS settings that cannot serve: one half, unreadable files, not PEM, a key of another certificate', () => {
    expect(refused({ DESKWATCH_TLS_CERT: tls.cert })).toMatch(/DESKWATCH_TLS_CERT is set but DESKWATCH_TLS_KEY is not/);
    expect(refused({ DESKWATCH_TLS_KEY: tls.key })).toMatch(/DESKWATCH_TLS_KEY is set but DESKWATCH_TLS_CERT is not/);
    const missing = path.join(tls.dir, 'absent.pem');
    expect(refused({ DESKWATCH_TLS_CERT: missing, DESKWATCH_TLS_KEY: tls.key })).toBe(`DESKWATCH_TLS_CERT: cannot read the certificate file ${missing} (no such file)`);
    expect(refused({ DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: tls.dir })).toMatch(/DESKWATCH_TLS_KEY: cannot read the private key file/);
    const junk = path.join(tls.dir, 'junk.pem');
    fs.writeFileSync(junk, 'not a certificate');
    expect(refused({ DESKWATCH_TLS_CERT: junk, DESKWATCH_TLS_KEY: tls.key })).toMatch(/is not a PEM file/);
    expect(refused({ DESKWATCH_TLS_CERT: tls.cert, DESKWATCH_TLS_KEY: other.key })).toMatch(/cannot serve HTTPS together/);
  });

  it('refuses a proxy list with anything but addresses and "loopback"', () => {
    expect(refused({ DESKWATCH_TRUST_PROXY: 'proxy.example.org', DESKWATCH_PUBLIC_URL: 'https://d.example.org' })).toMatch(/"proxy\.example\.org" is not an IP address/);
    expect(refused({ DESKWATCH_TRUST_PROXY: '10.0.0.0/8', DESKWATCH_PUBLIC_URL: 'https://d.example.org' })).toMatch(/not an IP address/);
    expect(refused({ DESKWATCH_TRUST_PROXY: ', ,', DESKWATCH_PUBLIC_URL: 'https://d.example.org' })).toMatch(/DESKWATCH_TRUST_PROXY is empty/);
  });

  it('reads single sign-on settings and refuses half of them', () => {
    const config = parse({ DESKWATCH_OIDC_ISSUER: 'https://login.example.org', DESKWATCH_OIDC_CLIENT_ID: 'deskwatch', DESKWATCH_OIDC_CLIENT_SECRET: 's3cret', DESKWATCH_OIDC_LABEL: 'Lakeside ISD' });
    expect(config.oidc).toEqual({ issuer: 'https://login.example.org', clientId: 'deskwatch', clientSecret: 's3cret', label: 'Lakeside ISD', allowHttpIssuer: false });
    expect(parse({ DESKWATCH_OIDC_ISSUER: 'http://127.0.0.1:4000', DESKWATCH_OIDC_CLIENT_ID: 'c' }).oidc).toMatchObject({ label: 'District sign-in', allowHttpIssuer: true });
    expect(refused({ DESKWATCH_OIDC_ISSUER: 'https://login.example.org' })).toMatch(/DESKWATCH_OIDC_CLIENT_ID is not/);
    expect(refused({ DESKWATCH_OIDC_CLIENT_ID: 'c', DESKWATCH_OIDC_CLIENT_SECRET: 's' })).toMatch(/DESKWATCH_OIDC_CLIENT_ID, DESKWATCH_OIDC_CLIENT_SECRET are set but DESKWATCH_OIDC_ISSUER is not/);
    expect(refused({ DESKWATCH_OIDC_ISSUER: 'http://login.example.org', DESKWATCH_OIDC_CLIENT_ID: 'c' })).toMatch(/must be an https:\/\/ URL/);
    expect(refused({ DESKWATCH_OIDC_ISSUER: 'login', DESKWATCH_OIDC_CLIENT_ID: 'c' })).toMatch(/issuer URL/);
  });

  it('turns password sign-in off only when single sign-on remains', () => {
    expect(parse({ DESKWATCH_PASSWORD_SIGN_IN: 'off', DESKWATCH_OIDC_ISSUER: 'https://login.example.org', DESKWATCH_OIDC_CLIENT_ID: 'c' }).passwordSignIn).toBe(false);
    expect(refused({ DESKWATCH_PASSWORD_SIGN_IN: 'off' })).toMatch(/Nobody could sign in/);
    expect(refused({ DESKWATCH_PASSWORD_SIGN_IN: 'no' })).toMatch(/DESKWATCH_PASSWORD_SIGN_IN must be "on" or "off", got "no"/);
  });

  it('reads session lengths and refuses ones that are not numbers in range', () => {
    expect(parse({ DESKWATCH_SESSION_HOURS: '8', DESKWATCH_IDLE_MINUTES: '15' })).toMatchObject({ sessionHours: 8, idleMinutes: 15 });
    expect(parse({ DESKWATCH_SESSION_HOURS: '0.5' }).sessionHours).toBe(0.5);
    for (const hours of ['0', '-1', 'twelve', '1e3', '721']) expect(refused({ DESKWATCH_SESSION_HOURS: hours })).toMatch(/DESKWATCH_SESSION_HOURS must be a number of hours/);
    for (const minutes of ['0', '1.5', 'x', '50000']) expect(refused({ DESKWATCH_IDLE_MINUTES: minutes })).toMatch(/DESKWATCH_IDLE_MINUTES must be a whole number of minutes/);
  });

  it('reads the mail server and From address, in either form', () => {
    expect(parse({ DESKWATCH_SMTP_URL: 'smtp://desk:secret@mail.example.org:587', DESKWATCH_MAIL_FROM: 'helpdesk@example.org' }).mail).toEqual({
      smtpUrl: 'smtp://desk:secret@mail.example.org:587',
      from: { name: null, address: 'helpdesk@example.org' },
    });
    expect(parse({ DESKWATCH_SMTP_URL: 'smtps://mail.example.org?requireTLS=true', DESKWATCH_MAIL_FROM: 'Lakeside Help Desk <helpdesk@example.org>' }).mail).toEqual({
      smtpUrl: 'smtps://mail.example.org?requireTLS=true',
      from: { name: 'Lakeside Help Desk', address: 'helpdesk@example.org' },
    });
    expect(parse({ DESKWATCH_SMTP_URL: 'smtp://mail.example.org', DESKWATCH_MAIL_FROM: '"Help Desk, IT" <helpdesk@example.org>' }).mail?.from).toEqual({ name: 'Help Desk, IT', address: 'helpdesk@example.org' });
    expect(parse({ DESKWATCH_SMTP_URL: ' ', DESKWATCH_MAIL_FROM: '' }).mail).toBeNull();
  });

  it('refuses mail settings that cannot work, naming the variable and never the password', () => {
    const from = { DESKWATCH_MAIL_FROM: 'helpdesk@example.org' };
    expect(refused({ DESKWATCH_SMTP_URL: 'smtp://mail.example.org' })).toMatch(/DESKWATCH_SMTP_URL is set but DESKWATCH_MAIL_FROM is not/);
    expect(refused(from)).toMatch(/DESKWATCH_MAIL_FROM is set but DESKWATCH_SMTP_URL is not/);
    const https = refused({ ...from, DESKWATCH_SMTP_URL: 'https://desk:hunter2@mail.example.org' });
    expect(https).toMatch(/DESKWATCH_SMTP_URL must start with smtp:\/\/ or smtps:\/\/.*got "https:\/\/desk:\*\*\*\*@mail.example.org"/);
    expect(https).not.toContain('hunter2');
    expect(refused({ ...from, DESKWATCH_SMTP_URL: 'mail.example.org:25' })).toMatch(/DESKWATCH_SMTP_URL must/);
    expect(refused({ ...from, DESKWATCH_SMTP_URL: 'smtp://desk:hunter2@' })).not.toContain('hunter2');
    expect(refused({ ...from, DESKWATCH_SMTP_URL: 'smtp://mail.example.org/relay' })).toMatch(/DESKWATCH_SMTP_URL must not have a path/);
    for (const bad of ['helpdesk', 'Help Desk <helpdesk>', 'a@example.org, b@example.org', '<>']) {
      expect(refused({ DESKWATCH_SMTP_URL: 'smtp://mail.example.org', DESKWATCH_MAIL_FROM: bad })).toMatch(/DESKWATCH_MAIL_FROM must be an address like helpdesk@example.org/);
    }
  });

  it("reads the desk's phone number as employees are told it, trimmed", () => {
    expect(parse({ DESKWATCH_DESK_PHONE: '  extension 4100 or 555-201-4100 ' }).deskPhone).toBe('extension 4100 or 555-201-4100');
    expect(parse({ DESKWATCH_DESK_PHONE: '   ' }).deskPhone).toBe(DEFAULT_DESK_PHONE);
    expect(parse({ DESKWATCH_DESK_PHONE: '4'.repeat(MAX_DESK_PHONE_LENGTH) }).deskPhone).toHaveLength(MAX_DESK_PHONE_LENGTH);
  });

  it('refuses a desk phone that is not one short line with a number in it', () => {
    expect(refused({ DESKWATCH_DESK_PHONE: 'the front office' })).toMatch(/DESKWATCH_DESK_PHONE must contain the number to call.*got "the front office"/);
    expect(refused({ DESKWATCH_DESK_PHONE: 'ext 4100\nBcc: someone@example.org' })).toMatch(/DESKWATCH_DESK_PHONE must be one line of plain text/);
    expect(refused({ DESKWATCH_DESK_PHONE: 'ext\t4100' })).toMatch(/DESKWATCH_DESK_PHONE must be one line/);
    expect(refused({ DESKWATCH_DESK_PHONE: '4'.repeat(MAX_DESK_PHONE_LENGTH + 1) })).toMatch(new RegExp(`DESKWATCH_DESK_PHONE must be at most ${MAX_DESK_PHONE_LENGTH} characters`));
  });
});

describe('who the client is, behind a proxy or not', () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}, encrypted = false) =>
    ({ socket: { remoteAddress, encrypted }, headers }) as unknown as http.IncomingMessage;
  const loopbackProxy = parseProxyTrust('loopback');

  it('believes no forwarded header without a trusted proxy', () => {
    const spoofed = request('203.0.113.9', { 'x-forwarded-for': '10.9.9.9', 'x-forwarded-proto': 'https' });
    expect(clientOf(spoofed, null)).toEqual({ address: '203.0.113.9', https: false });
    expect(clientOf(spoofed, loopbackProxy)).toEqual({ address: '203.0.113.9', https: false });
    expect(clientOf(request('::ffff:127.0.0.1', {}, true), null)).toEqual({ address: '127.0.0.1', https: true });
  });

  it('takes the nearest untrusted forwarded address from a trusted proxy', () => {
    const viaProxy = request('::ffff:127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'x-forwarded-proto': 'https' });
    expect(clientOf(viaProxy, loopbackProxy)).toEqual({ address: '198.51.100.7', https: true });
    const twoProxies = request('10.0.0.2', { 'x-forwarded-for': '198.51.100.7, 10.0.0.3' });
    expect(clientOf(twoProxies, parseProxyTrust('10.0.0.2,10.0.0.3'))).toEqual({ address: '198.51.100.7', https: false });
    expect(clientOf(request('10.0.0.2', { 'x-forwarded-for': 'garbage' }), parseProxyTrust('10.0.0.2')).address).toBe('10.0.0.2');
  });
});
