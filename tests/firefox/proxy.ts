// The only way out of the Firefox under test (its proxy prefs point here for http and
// https): the portal's hosts, and the tests' not-the-portal host, go to the stand-in's
// ports; any other host is refused. Every request is logged with its host, so a test can
// show that nothing left for anywhere else.
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

const ALLOWED = /(^|\.)(cpta\.com\.cn|cpta\.mohrss\.gov\.cn|example\.test)$/i;

export interface ProxiedRequest {
  scheme: 'http' | 'https';
  host: string;
  allowed: boolean;
}

export interface Proxy {
  port: number;
  log: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startProxy(ports: { http: number; https: number }): Promise<Proxy> {
  const log: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const allowed = ALLOWED.test(url.hostname);
    log.push({ scheme: 'http', host: url.hostname, allowed });
    if (!allowed) {
      res.writeHead(502).end();
      return;
    }
    // The stand-in answers by Host header and path, as the real hosts would.
    const upstream = request({ host: '127.0.0.1', port: ports.http, method: req.method, path: url.pathname + url.search, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    const allowed = ALLOWED.test(host);
    log.push({ scheme: 'https', host, allowed });
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(ports.https, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
