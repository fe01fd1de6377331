// @ts-check
// A self-signed certificate for the portal's hostnames, made with openssl at start-up
// (the same recipe as tests/e2e/tls.ts, in plain JS so `npm start` needs no compiler).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @returns {{ key: Buffer, cert: Buffer }} */
export function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'cpta-standin-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=cpta.com.cn',
      '-addext', 'subjectAltName=DNS:cpta.com.cn,DNS:*.cpta.com.cn,DNS:cpta.mohrss.gov.cn,DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
