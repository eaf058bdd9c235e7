/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the system's openssl at test
 * time (no key is kept in the repository).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CertificateFiles {
  dir: string;
  cert: string;
  key: string;
  dispose(): void;
}

export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

export function selfSignedCertificate(): CertificateFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskwatch-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const run = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`openssl could not make a test certificate: ${run.stderr || run.error?.message}`);
  return { dir, cert, key, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
