// Serves the saved pages at the portal URLs that tests/fixtures/fixtures.json gives them
// (so recognition sees the real paths), over http and https, logging every request with
// its Sec-Fetch headers so tests can tell the page's own requests from anyone else's.
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './tls';
import { FIXTURES } from './static-server';
import { generateHeavyCertList } from '../fixtures/generate-heavy';

export interface FixturePage {
  file: string;
  url: string;
  step: string;
  target: string | null;
  annotationState?: string;
  frames?: string[];
  tabStep?: string;
  lateFilled?: boolean;
  status?: number;
  generatedBy?: string;
  submitted?: boolean;
  confirmsInPlace?: boolean;
}

export const PAGES: FixturePage[] = JSON.parse(readFileSync(join(FIXTURES, 'fixtures.json'), 'utf8')).pages;

export interface LoggedRequest {
  scheme: string;
  host: string;
  url: string;
  method: string;
  dest: string;
  site: string;
  mode: string;
  accept: string;
  upgradeInsecure: string;
}

export interface FixtureServer {
  ports: { http: number; https: number };
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** host + path + query of a URL, the key pages are found by (scheme-less: http and https alike). */
const keyOf = (u: URL) => `${u.hostname}${u.pathname}${u.search}`;

export async function startFixtureServer(): Promise<FixtureServer> {
  const byUrl = new Map(PAGES.map((p) => [keyOf(new URL(p.url)), p]));
  const requests: LoggedRequest[] = [];
  const handler = (scheme: string) => async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    requests.push({
      scheme,
      host,
      url: req.url ?? '',
      method: req.method ?? '',
      dest: String(req.headers['sec-fetch-dest'] ?? ''),
      site: String(req.headers['sec-fetch-site'] ?? ''),
      mode: String(req.headers['sec-fetch-mode'] ?? ''),
      accept: String(req.headers.accept ?? ''),
      upgradeInsecure: String(req.headers['upgrade-insecure-requests'] ?? ''),
    });
    const url = new URL(req.url ?? '/', `http://${host}`);
    const page = byUrl.get(keyOf(url));
    const send = (status: number, body: string | Buffer, type = 'text/html; charset=utf-8') => res.writeHead(status, { 'content-type': type }).end(body);
    try {
      if (page?.generatedBy) return send(200, generateHeavyCertList());
      if (page) return send(page.status ?? 200, await readFile(join(FIXTURES, page.file)));
      // Otherwise by file path (the not-the-portal host serves the same pages).
      const path = decodeURIComponent(url.pathname);
      const file = normalize(join(FIXTURES, path));
      if (!file.startsWith(FIXTURES) || !path.endsWith('.html')) return send(404, '<!doctype html><title>404</title><p>Not found</p>');
      return send(200, await readFile(file));
    } catch {
      return send(404, '<!doctype html><title>404</title><p>Not found</p>');
    }
  };
  // Node ignores what a request handler returns; the handler answers its own failures.
  const onHttp = handler('http');
  const onHttps = handler('https');
  const http = createHttp((req, res) => void onHttp(req, res));
  const https = createHttps(selfSignedCertificate(), (req, res) => void onHttps(req, res));
  const listen = (s: Server) => new Promise<number>((ok) => s.listen(0, '127.0.0.1', () => ok((s.address() as AddressInfo).port)));
  const ports = { http: await listen(http), https: await listen(https) };
  return {
    ports,
    requests,
    close: async () => {
      await Promise.all([http, https].map((s) => new Promise((ok) => { s.closeAllConnections(); s.close(ok); })));
    },
  };
}
