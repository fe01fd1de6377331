// @ts-check
// The stand-in portal: the certificate flow of cpta.com.cn served from the saved pages
// under tests/fixtures, on loopback only, over http and https, with per-session state
// like the portal's and a clock that tests and demos can move.
//
//   home (/) → [证书查验] /certQuery.html → [证书下载] zs…/certMng/loginPage.jsp
//   → login.do (any name and password, any captcha) → 服务须知 on an account's first login
//   → certList.do → [下载] certAnnotation.do?method=view&id=N → [申请证书加注] method=apply
//   → [提交加注申请] method=submit → 证书生成中… → valid with dates → 加注件已过期
//
// Control (outside the pages, never logged as a page request):
//   GET  /__standin/clock                      → { now, iso, beijingDate }
//   POST /__standin/clock?advance=25h | ?set=2026-12-01T09:00:00%2B08:00
//   POST /__standin/ready-delay?delay=60s      how long an application takes to be generated
//   GET  /__standin/state                      accounts and their applications, as JSON
//   GET  /__standin/                           a small page with those controls, for demos
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { randomBytes } from 'node:crypto';
import {
  annotationView, applyForAnnotation, beijingDateAt, createAccount, createClock, DEFAULT_READY_DELAY_MS, parseDuration,
} from './model.mjs';
import { PAGES, savedVariant } from './fixtures.mjs';
import { certificatesOnTheList, keepScheme, loginThatSubmits, render } from './pages.mjs';
import { annotationPage, applyPage, applyRefused, readApplication, submittedPage } from './annotation-pages.mjs';
import { selfSignedCertificate } from './tls.mjs';

/**
 * @typedef {object} LoggedRequest
 * @property {number} at        real time (ms) it arrived
 * @property {'http' | 'https'} scheme
 * @property {string} host
 * @property {string} method
 * @property {string} url       path and query
 * @property {string} dest      Sec-Fetch-Dest: document, iframe, image… ("empty" for fetch/XHR)
 * @property {string} mode      Sec-Fetch-Mode
 * @property {string} site      Sec-Fetch-Site
 * @property {string} origin
 * @property {number} status
 */

/**
 * @typedef {object} Standin
 * @property {{ http: number, https: number }} ports
 * @property {LoggedRequest[]} requests every request for a page or a page's image, in order
 * @property {{ now(): number, advance(ms: number): void, set(instant: number): void }} clock
 * @property {(ms: number) => void} setReadyDelay
 * @property {Map<string, ReturnType<typeof createAccount>>} accounts by login name
 * @property {import('./pages.mjs').Certificate[]} certificates
 * @property {() => Promise<void>} close
 */

const SESSION_COOKIE = 'JSESSIONID';
const HTML = 'text/html; charset=utf-8';

/**
 * Starts the stand-in on loopback.
 * @param {{ readyDelayMs?: number, now?: number | Date | (() => number), ports?: { http?: number, https?: number },
 *   log?: (line: string) => void, onClockMoved?: (now: number) => unknown }} [options]
 *   onClockMoved: called (and awaited) when the control moves the clock, e.g. to move the browser's too
 * @returns {Promise<Standin>}
 */
export async function startStandin(options = {}) {
  const clock = createClock(options.now);
  let readyDelayMs = options.readyDelayMs ?? DEFAULT_READY_DELAY_MS;
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {Map<string, ReturnType<typeof createAccount>>} */
  const accounts = new Map();
  /** session id → login name (or '' before login) @type {Map<string, string>} */
  const sessions = new Map();
  const certificates = certificatesOnTheList();

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {'http' | 'https'} scheme */
  async function handle(req, res, scheme) {
    const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? 'localhost'}`);
    if (url.pathname.startsWith('/__standin/')) return control(req, res, url);
    const entry = {
      at: Date.now(),
      scheme,
      host: req.headers.host ?? '',
      method: req.method ?? 'GET',
      url: url.pathname + url.search,
      dest: String(req.headers['sec-fetch-dest'] ?? ''),
      mode: String(req.headers['sec-fetch-mode'] ?? ''),
      site: String(req.headers['sec-fetch-site'] ?? ''),
      origin: String(req.headers.origin ?? ''),
      status: 0,
    };
    requests.push(entry);
    const session = sessionOf(req, res, url);
    const reply = await route({ req, url, scheme, session, body: req.method === 'POST' ? await readForm(req) : new URLSearchParams() });
    entry.status = reply.status;
    const headers = { ...reply.headers, 'cache-control': 'no-store' };
    if (reply.html !== undefined) res.writeHead(reply.status, { 'content-type': HTML, ...headers }).end(keepScheme(reply.html, scheme));
    else res.writeHead(reply.status, headers).end(reply.body);
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url
   * @returns {{ id: string, account: ReturnType<typeof createAccount> | undefined, login(name: string): void, logout(): void }}
   */
  function sessionOf(req, res, url) {
    let id = /(?:^|;\s*)JSESSIONID=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (!id || !sessions.has(id)) {
      id = randomBytes(12).toString('hex');
      sessions.set(id, '');
      // One session across the portal's subdomains, as a login on one host carries to the other.
      const domain = /(^|\.)cpta\.com\.cn$/.test(url.hostname) ? '; Domain=cpta.com.cn' : '';
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly${domain}`);
    }
    const sid = id;
    const name = sessions.get(sid);
    return {
      id: sid,
      account: name ? accounts.get(name) : undefined,
      login(loginName) {
        if (!accounts.has(loginName)) accounts.set(loginName, createAccount());
        sessions.set(sid, loginName);
      },
      logout() { sessions.set(sid, ''); },
    };
  }

  /**
   * @param {{ req: import('node:http').IncomingMessage, url: URL, scheme: 'http' | 'https', session: ReturnType<typeof sessionOf>, body: URLSearchParams }} ctx
   * @returns {Promise<Reply> | Reply}
   */
  function route({ req, url, session, body }) {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const now = clock.now();

    // Any saved page by name, at the URL fixtures.json gives it (`&v=<file name>`): as saved, no state.
    const variant = url.searchParams.get('v');
    if (variant) {
      const saved = savedVariant(path, variant);
      return saved ? { status: saved.status, html: render(saved.file) } : notFound();
    }

    // The portal's own pages.
    if (path === '/' || path === '/index.html' || path === '/index.htm') return page(render(PAGES.home));
    if (path === '/certQuery.html') return page(render(PAGES.certQuery));
    if (path === '/certDown2024.html') return page(render(PAGES.certDown2024));

    // The registration platform.
    if (path === '/examfront/register/initRegister.htm') return page(render(PAGES.register));
    if (path === '/examfront/login/saveLogin.htm' && method === 'POST') {
      session.login(body.get('userName')?.trim() || 'holder');
      return redirect('/examfront/');
    }
    if (path === '/examfront/') return page(render(session.account ? PAGES.examfrontHome : PAGES.examfrontLogin, loginThatSubmits));
    if (path.startsWith('/examfront/login/')) return page(render(PAGES.examfrontLogin, loginThatSubmits));

    // The download system.
    if (path.startsWith('/certMng/')) {
      const action = path.slice('/certMng/'.length);
      if (action === '' || action === 'loginPage.jsp') return page(render(PAGES.login, loginThatSubmits));
      if (action === 'captcha.jsp') return captcha();
      if (action === 'login.do' && method === 'POST') {
        // Any name and password, any captcha: the stand-in has no accounts to protect.
        const name = body.get('loginName')?.trim() || 'holder';
        session.login(name);
        const account = /** @type {ReturnType<typeof createAccount>} */ (accounts.get(name));
        // On an account's first login the answer is the 服务须知 itself.
        return account.termsAccepted ? redirect('certList.do?method=list') : page(render(PAGES.terms));
      }
      if (action === 'logout.do') {
        session.logout();
        return redirect('loginPage.jsp?src=1');
      }
      const account = session.account;
      if (!account) return redirect('/certMng/loginPage.jsp?src=1');
      if (action === 'serviceNotice.jsp') return page(render(PAGES.terms));
      if (action === 'certList.do') {
        // [同意] on the 服务须知 goes to the list: arriving from that page is the agreement.
        if (!account.termsAccepted && /\/certMng\/(login\.do|serviceNotice\.jsp)/.test(String(req.headers.referer ?? ''))) account.termsAccepted = true;
        if (!account.termsAccepted) return redirect('serviceNotice.jsp');
        return page(render(PAGES.certList));
      }
      // The download system inside frames, as the old Java application may show it.
      if (action === 'main.jsp') return page(render(PAGES.frameset));
      if (action === 'top.jsp') return page(render(PAGES.frameTop));
      if (action === 'left.jsp') return page(render(PAGES.frameLeft));
      const cert = certificates.find((c) => c.number === url.searchParams.get('id') || `${c.number}.pdf` === url.searchParams.get('file'));
      if (action === 'certAnnotation.do' || action === 'download.do' || action === 'frame/plugins/pdfjs/web/viewer.html') {
        if (!cert) return notFound();
        if (cert.status === 'withdrawn') return message('该证书已撤销，不能加注和下载。');
        // Association-seal certificates issued before 2021-12-17 need no annotation: [下载] gives the file.
        if (!needsAnnotation(cert)) return pdf(cert, 'attachment');
        const view = annotationView(account.applications.filter((a) => a.certNo === cert.number), now);
        if (action !== 'certAnnotation.do') {
          if (view.state === 'valid') return pdf(cert, action === 'download.do' ? 'attachment' : 'inline');
          return message(view.state === 'generating' ? '证书生成中…' : view.state === 'expired' ? '加注件已过期' : '请先申请证书加注。');
        }
        const op = url.searchParams.get('method') ?? 'view';
        if (op === 'view') return page(annotationPage(cert, view));
        if (op === 'applyPage') return page(applyPage(cert));
        if (op === 'apply' && method === 'POST') {
          const result = applyForAnnotation(account, { certNo: cert.number, ...readApplication(body), now, readyDelayMs });
          if (result.ok) return page(submittedPage(cert, result.application));
          return page(applyRefused(cert, result));
        }
      }
      return notFound();
    }

    // Other parts of the portal (notices, scores): pages the guide must leave alone.
    if (path === '/notice.html') return page(render(PAGES.noticeList));
    if (/^\/notice\/\d+\.html$/.test(path)) return page(render(PAGES.notice));
    if (path === '/score.html') return page(render(PAGES.score));
    if (path === '/certCheck.html') return page(render(PAGES.certCheck));
    return notFound();
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url */
  async function control(req, res, url) {
    const json = (/** @type {unknown} */ value, status = 200) =>
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value, null, 2));
    try {
      const post = req.method === 'POST';
      if (url.pathname === '/__standin/clock') {
        if (post && url.searchParams.has('advance')) clock.advance(parseDuration(url.searchParams.get('advance') ?? ''));
        else if (post && url.searchParams.has('set')) {
          const at = Date.parse(url.searchParams.get('set') ?? '');
          if (Number.isNaN(at)) return json({ error: 'set= wants an ISO instant, e.g. 2026-12-01T09:00:00+08:00' }, 400);
          clock.set(at);
        }
        if (post) await options.onClockMoved?.(clock.now());
        const now = clock.now();
        return json({ now, iso: new Date(now).toISOString(), beijingDate: beijingDateAt(now) });
      }
      if (url.pathname === '/__standin/ready-delay' && post) {
        readyDelayMs = parseDuration(url.searchParams.get('delay') ?? url.searchParams.get('ms') ?? '');
        return json({ readyDelayMs });
      }
      if (url.pathname === '/__standin/state') {
        return json({ now: clock.now(), readyDelayMs, accounts: Object.fromEntries(accounts) });
      }
      if (url.pathname === '/__standin/') {
        return res.writeHead(200, { 'content-type': HTML }).end(controlPage(clock.now(), readyDelayMs));
      }
      return json({ error: 'unknown control' }, 404);
    } catch (error) {
      return json({ error: String(/** @type {Error} */ (error).message ?? error) }, 400);
    }
  }

  const wrap = (/** @type {'http' | 'https'} */ scheme) => (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
    handle(req, res, scheme).catch((error) => {
      options.log?.(`stand-in: ${req.method} ${req.url}: ${error?.stack ?? error}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': HTML });
      res.end('<!DOCTYPE html><title>500</title><p>服务器内部错误</p>');
    });
  };
  const http = createHttp(wrap('http'));
  const https = createHttps(selfSignedCertificate(), wrap('https'));
  const listen = (/** @type {import('node:net').Server} */ server, /** @type {number} */ port) =>
    new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok(/** @type {import('node:net').AddressInfo} */ (server.address()).port));
    });
  const ports = {
    http: /** @type {number} */ (await listen(http, options.ports?.http ?? 0)),
    https: /** @type {number} */ (await listen(https, options.ports?.https ?? 0)),
  };

  return {
    ports,
    requests,
    clock,
    setReadyDelay(ms) { readyDelayMs = ms; },
    accounts,
    certificates,
    close: async () => {
      await Promise.all([http, https].map((s) => new Promise((ok) => { s.closeAllConnections(); s.close(ok); })));
    },
  };
}

/** @typedef {{ status: number, headers?: Record<string, string>, html?: string, body?: string | Buffer }} Reply */

/** @param {string} html @returns {Reply} */
const page = (html) => ({ status: 200, html });
/** @param {string} location @returns {Reply} */
const redirect = (location) => ({ status: 302, headers: { location } });
/** @returns {Reply} */
const notFound = () => ({ status: 404, html: render(PAGES.notFound) });
/** A one-line answer of the download system (the saved pages have none for these cases). @param {string} text @returns {Reply} */
const message = (text) => ({ status: 200, html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>提示</title></head><body><p>${text}</p><p><a href="certList.do?method=list">返回</a></p></body></html>` });

/** Association-seal certificates issued before 2021-12-17 need no annotation (docs/PORTAL.md). @param {import('./pages.mjs').Certificate} cert */
function needsAnnotation(cert) {
  const associationSeal = ['银行业专业人员', '拍卖师', '税务师'].some((q) => cert.qualification.includes(q));
  return !(associationSeal && cert.approvalDate && cert.approvalDate < '2021-12-17');
}

/** A captcha image that any answer passes. @returns {Reply} */
function captcha() {
  const code = randomBytes(2).toString('hex').toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="70" height="24"><rect width="70" height="24" fill="#eef"/><text x="10" y="18" font-family="monospace" font-size="16" fill="#35a">${code}</text></svg>`;
  return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: svg };
}

/** A tiny PDF standing in for the signed e-certificate. @param {import('./pages.mjs').Certificate} cert @param {'inline' | 'attachment'} disposition @returns {Reply} */
function pdf(cert, disposition) {
  const text = `Stand-in e-certificate ${cert.number}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return {
    status: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `${disposition}; filename="${cert.number}.pdf"` },
    body: Buffer.from(out, 'latin1'),
  };
}

/** @param {number} now @param {number} readyDelayMs */
function controlPage(now, readyDelayMs) {
  const button = (/** @type {string} */ action, /** @type {string} */ text) =>
    `<form method="post" action="${action}" target="result" style="display:inline"><button>${text}</button></form>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Stand-in portal controls</title></head><body>
<h1>Stand-in portal · 模拟门户控制</h1>
<p>Stand-in clock: ${new Date(now).toISOString()} (Beijing date ${beijingDateAt(now)}); applications are generated after ${Math.round(readyDelayMs / 60000)} min.</p>
<p>${button('/__standin/clock?advance=25h', '+25 h')} ${button('/__standin/clock?advance=1d', '+1 day')} ${button('/__standin/clock?advance=30d', '+30 days')}
${button('/__standin/ready-delay?delay=60s', 'generate in 60 s')}</p>
<p><a href="/__standin/state" target="result">state (JSON)</a> · <a href="/">back to the portal</a></p>
<iframe name="result" style="width:100%;height:300px"></iframe>
</body></html>`;
}

/**
 * Reads a form posted as application/x-www-form-urlencoded (at most 64 KB).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
function readForm(req) {
  return new Promise((ok, fail) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 65_536) {
        fail(new Error('form too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => ok(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', fail);
  });
}
