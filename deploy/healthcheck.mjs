#!/usr/bin/env node
/**
 * The container's health check: `GET /api/health` on the server's own port (DESKWATCH_LISTEN),
 * over HTTPS when the server serves it (DESKWATCH_TLS_CERT). Exit 0 when it answers 200, 1
 * otherwise (the slim image has no curl). The certificate is not checked: this asks the server in
 * the same container, on loopback, where the name on the certificate cannot match.
 */
import http from 'node:http';
import https from 'node:https';

const listen = process.env.DESKWATCH_LISTEN?.trim() || '127.0.0.1:8080';
const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d+)$/.exec(listen);
if (!match) fail(`DESKWATCH_LISTEN must be HOST:PORT, got "${listen}"`);
const host = match[1] ?? match[2] ?? '';
// Every interface (0.0.0.0, ::, or none named) answers on loopback too.
const wildcard = host === '' || host === '0.0.0.0' || /^[0:]+$/.test(host);
const target = wildcard ? '127.0.0.1' : host;
const secure = Boolean(process.env.DESKWATCH_TLS_CERT?.trim());
const request = (secure ? https : http).get(
  { host: target, port: Number(match[3]), path: '/api/health', timeout: 4_000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    if (response.statusCode === 200) process.exit(0);
    fail(`/api/health answered ${response.statusCode}`);
  },
);
request.on('timeout', () => request.destroy(new Error('no answer within 4 s')));
request.on('error', (error) => fail(`${secure ? 'https' : 'http'}://${listen}/api/health: ${error.message}`));

function fail(message) {
  process.stderr.write(`health check: ${message}\n`);
  process.exit(1);
}
