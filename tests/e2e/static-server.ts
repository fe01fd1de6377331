// Serves the saved pages under tests/fixtures over http and https on loopback, and
// records every request so tests can prove the extension sent none of its own.
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './tls';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface RequestLog {
  host: string;
  url: string;
  method: string;
}

export interface StaticServer {
  ports: { http: number; https: number };
  requests: RequestLog[];
  close(): Promise<void>;
}

export async function startStaticServer(root = FIXTURES): Promise<StaticServer> {
  const requests: RequestLog[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ host: req.headers.host ?? '', url: req.url ?? '', method: req.method ?? '' });
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>404</title><p>Not found</p>');
    }
  };
  // Node ignores what a request handler returns; the handler answers its own failures.
  const http = createHttp((req, res) => void handler(req, res));
  const https = createHttps(selfSignedCertificate(), (req, res) => void handler(req, res));
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
