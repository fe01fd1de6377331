// The stand-in portal on its own (no browser): the flow, the per-session state, the
// 3-in-90-days rule read as the extension reads it, the clock control, http and https,
// and that it serves the saved pages of tests/fixtures as they are.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStandin, type Standin } from '../../standin/server.mjs';
import { addDays, beijingDateAt, quotaOn as standinQuota, startOfBeijingDay } from '../../standin/model.mjs';
import { quotaOn as extensionQuota } from '../../lib/model/quota';
import type { Annotation } from '../../lib/model/annotation';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const CERT = '2205110000300127';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Answer { status: number; location?: string; type?: string; body: string; setCookie?: string[] }

/** A holder's browser, reduced to what the stand-in needs: a host name, a cookie, a referer. */
function client(standin: Standin, scheme: 'http' | 'https' = 'http') {
  let cookie = '';
  const port = scheme === 'http' ? standin.ports.http : standin.ports.https;
  return async function go(host: string, path: string, init: { method?: string; form?: Record<string, string>; referer?: string } = {}): Promise<Answer> {
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const headers: Record<string, string> = { host, 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };
    if (cookie) headers.cookie = cookie;
    if (init.referer) headers.referer = init.referer;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const request = scheme === 'http' ? httpRequest : httpsRequest;
    return new Promise((ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method: init.method ?? (body ? 'POST' : 'GET'), headers, rejectUnauthorized: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie'];
          if (set?.[0]) cookie = set[0].split(';')[0]!;
          ok({ status: res.statusCode ?? 0, location: res.headers.location, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), setCookie: set });
        });
      });
      req.on('error', fail);
      req.end(body);
    });
  };
}

const ZS = 'zs.cpta.com.cn';
const view = `/certMng/certAnnotation.do?method=view&id=${CERT}`;
const apply = `/certMng/certAnnotation.do?method=apply&id=${CERT}`;

async function loggedIn(standin: Standin, name: string, scheme: 'http' | 'https' = 'http') {
  const go = client(standin, scheme);
  await go(ZS, '/certMng/login.do?method=login', { form: { loginName: name, loginPwd: 'x', verifyCode: 'y' } });
  await go(ZS, '/certMng/certList.do?method=list', { referer: `http://${ZS}/certMng/login.do?method=login` });
  return go;
}

describe('the stand-in portal', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ readyDelayMs: 6 * HOUR, now: Date.parse('2026-03-10T10:00:00+08:00') });
  });
  afterAll(async () => {
    await standin?.close();
  });

  test('its 3-in-90-days rule agrees with the extension\'s reading (lib/model/quota.ts) for any history', () => {
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 * DAY }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 420 * DAY }),
        (offsets, at) => {
          const applications = offsets.map((o) => ({ certNo: CERT, appliedAt: start + o, validityDays: 90, scenario: '本人调用', readyAt: start + o + HOUR }));
          const annotations = offsets.map((o, i) => ({ id: `a${i}`, certificateNumber: CERT, appliedAt: start + o }) as Annotation);
          const day = beijingDateAt(start + at);
          const ours = standinQuota(applications, day);
          const theirs = extensionQuota(annotations, CERT, day);
          expect(ours).toEqual({ used: theirs.used, canApply: theirs.canApply, firstFreeDay: theirs.firstFreeDay });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('listens on loopback only, over http and https', async () => {
    expect(standin.ports.http).toBeGreaterThan(0);
    expect(standin.ports.https).toBeGreaterThan(0);
    const secure = await client(standin, 'https')('www.cpta.com.cn', '/');
    expect(secure.status).toBe(200);
    expect(secure.body).toContain('证书查验');
  });

  test('serves every saved page of fixtures.json at its URL, as saved (links kept in the scheme asked for)', async () => {
    const index = JSON.parse(readFileSync(join(FIXTURES, 'fixtures.json'), 'utf8')) as { pages: { file: string; url: string; status?: number; generatedBy?: string }[] };
    const go = client(standin);
    let checked = 0;
    for (const page of index.pages) {
      if (page.generatedBy) continue;
      const url = new URL(page.url);
      const variant = url.searchParams.has('v') ? url.search : `${url.search ? `${url.search}&` : '?'}v=${page.file.replace(/^.*\/|\.html$/g, '')}`;
      const answer = await go(url.hostname, url.pathname + variant);
      expect(answer.status, page.file).toBe(page.status ?? 200);
      const saved = readFileSync(join(FIXTURES, page.file), 'utf8').replace(/https?:\/\/((?:[\w-]+\.)*cpta\.com\.cn)/g, 'http://$1');
      expect(answer.body, page.file).toBe(saved);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  test('https pages link to https: a walk started over https stays there', async () => {
    const entry = await client(standin, 'https')('www.cpta.com.cn', '/certQuery.html');
    expect(entry.body).toContain('https://zs.cpta.com.cn/certMng/loginPage.jsp?src=1');
    expect(entry.body).not.toContain('http://zs.cpta.com.cn');
  });

  test('login takes any name, password and captcha; the 服务须知 comes on an account\'s first login only', async () => {
    const go = client(standin);
    const before = await go(ZS, '/certMng/certList.do?method=list');
    expect(before.location).toBe('/certMng/loginPage.jsp?src=1');
    // One session across the portal's subdomains.
    expect(before.setCookie?.[0]).toMatch(/^JSESSIONID=\w+; Path=\/; HttpOnly; Domain=cpta\.com\.cn$/);
    const loginPage = await go(ZS, '/certMng/loginPage.jsp?src=1');
    expect(loginPage.body).toContain('src="captcha.jsp?t=0"');
    expect(loginPage.body).not.toContain('onsubmit');
    const captcha = await go(ZS, '/certMng/captcha.jsp?t=0');
    expect(captcha.type).toBe('image/svg+xml');
    const first = await go(ZS, '/certMng/login.do?method=login', { form: { loginName: 'first-timer', loginPwd: 'whatever', verifyCode: 'zzzz' } });
    expect(first.status).toBe(200);
    expect(first.body).toContain('服务须知');
    // Straight to the list without agreeing: back to the terms.
    expect((await go(ZS, '/certMng/certList.do?method=list')).location).toBe('serviceNotice.jsp');
    const list = await go(ZS, '/certMng/certList.do?method=list', { referer: `http://${ZS}/certMng/login.do?method=login` });
    expect(list.body).toContain(CERT);
    // The next login of that account skips the terms; another account sees them.
    const again = await client(standin)(ZS, '/certMng/login.do?method=login', { form: { loginName: 'first-timer', loginPwd: 'x', verifyCode: 'x' } });
    expect(again.location).toBe('certList.do?method=list');
    const other = await client(standin)(ZS, '/certMng/login.do?method=login', { form: { loginName: 'someone-else', loginPwd: 'x', verifyCode: 'x' } });
    expect(other.body).toContain('服务须知');
  });

  test('the list\'s certificates: a valid one to annotate, a withdrawn one, an association-seal one from before 2021-12-17 that downloads directly', async () => {
    expect(standin.certificates.map((c) => [c.number, c.status, c.approvalDate])).toEqual([
      ['1911010000201543', 'withdrawn', '2020-01-15'],
      [CERT, 'valid', '2022-11-30'],
      ['1944030000105266', 'valid', '2019-05-20'],
    ]);
    const go = await loggedIn(standin, 'lists');
    expect((await go(ZS, '/certMng/certAnnotation.do?method=view&id=1911010000201543')).body).toContain('已撤销');
    const direct = await go(ZS, '/certMng/certAnnotation.do?method=view&id=1944030000105266');
    expect(direct.type).toBe('application/pdf');
    expect(direct.body.startsWith('%PDF-1.4')).toBe(true);
  });

  test('an application: form → confirmation → 证书生成中… → valid with its dates after the delay → 加注件已过期', async () => {
    const go = await loggedIn(standin, 'applicant');
    expect((await go(ZS, view)).body).toContain('申请证书加注');
    const form = await go(ZS, `/certMng/certAnnotation.do?method=applyPage&id=${CERT}`);
    expect(form.body).toContain(`action="certAnnotation.do?method=apply&amp;id=${CERT}"`);
    const appliedAt = standin.clock.now();
    const confirmed = await go(ZS, apply, { form: { syncj: '1', jzyxq: '60' } });
    expect(confirmed.body).toContain('加注申请提交成功');
    expect(confirmed.body).toContain(`管理号：${CERT}　使用场景：本人调用　加注有效期：60天`);
    const generating = await go(ZS, view);
    expect(generating.body).toContain('证书生成中…');
    expect(generating.body).toContain('<td>60天</td>');

    standin.clock.advance(6 * HOUR + 1000);
    const from = beijingDateAt(appliedAt + 6 * HOUR);
    const until = addDays(from, 59);
    const valid = await go(ZS, view);
    expect(valid.body).toContain(`${from} 至 ${until}`);
    expect(valid.body).toContain(`download.do?id=${CERT}`);
    expect((await go(ZS, `/certMng/download.do?id=${CERT}`)).type).toBe('application/pdf');

    // The last valid day, then the day after.
    standin.clock.set(startOfBeijingDay(until) + 23 * HOUR);
    expect((await go(ZS, view)).body).toContain('已加注');
    standin.clock.set(startOfBeijingDay(addDays(until, 1)));
    const expired = await go(ZS, view);
    expect(expired.body).toContain('加注件已过期');
    const [y, m, d] = until.split('-').map(Number);
    expect(expired.body).toContain(`至 ${y}年${m}月${d}日`);
    expect((await go(ZS, `/certMng/download.do?id=${CERT}`)).body).toContain('加注件已过期');
  });

  test('the 3-in-90-days rule: a fourth application within 90 days is refused with the day one frees, and accepted on that day', async () => {
    const go = await loggedIn(standin, 'quota');
    const start = Date.parse('2026-05-01T10:00:00+08:00');
    standin.clock.set(start);
    for (const offset of [0, 20, 40]) {
      standin.clock.set(start + offset * DAY);
      expect((await go(ZS, apply, { form: { syncj: '1', jzyxq: '90' } })).body).toContain('加注申请提交成功');
    }
    standin.clock.set(start + 60 * DAY);
    const refused = await go(ZS, apply, { form: { syncj: '1', jzyxq: '90' } });
    expect(refused.body).toContain('data-standin="refusal"');
    expect(refused.body).toContain('请于2026-07-31起再申请');
    // The day before, still refused; on it, accepted.
    standin.clock.set(startOfBeijingDay('2026-07-30') + 12 * HOUR);
    expect((await go(ZS, apply, { form: { syncj: '1', jzyxq: '90' } })).body).toContain('data-standin="refusal"');
    standin.clock.set(startOfBeijingDay('2026-07-31') + HOUR);
    expect((await go(ZS, apply, { form: { syncj: '1', jzyxq: '90' } })).body).toContain('加注申请提交成功');
    expect(standin.accounts.get('quota')?.applications).toHaveLength(4);
  });

  test('refuses a validity over 90 days or an unknown scenario', async () => {
    const go = await loggedIn(standin, 'limits');
    expect((await go(ZS, apply, { form: { syncj: '1', jzyxq: '91' } })).body).toContain('加注有效期须为1至90天');
    expect((await go(ZS, apply, { form: { syncj: '2', jzyxq: '30' } })).body).toContain('请选择使用场景');
    expect(standin.accounts.get('limits')?.applications).toHaveLength(0);
  });

  test('its clock and delay move through a control outside the pages, which is not logged as a page request', async () => {
    const control = async (path: string) => {
      const answer = await client(standin)('127.0.0.1', path, { method: 'POST' });
      return { status: answer.status, json: JSON.parse(answer.body) };
    };
    const logged = standin.requests.length;
    const set = await control('/__standin/clock?set=2026-12-01T09:00:00%2B08:00');
    expect(set.json.beijingDate).toBe('2026-12-01');
    const moved = await control('/__standin/clock?advance=25h');
    expect(moved.json.now - set.json.now).toBeGreaterThanOrEqual(25 * HOUR);
    expect(moved.json.now - set.json.now).toBeLessThan(25 * HOUR + 5_000);
    expect(moved.json.beijingDate).toBe('2026-12-02');
    expect((await control('/__standin/clock?set=not-a-date')).status).toBe(400);
    expect((await control('/__standin/clock?advance=soon')).status).toBe(400);
    expect((await control('/__standin/ready-delay?delay=90s')).json).toEqual({ readyDelayMs: 90_000 });
    standin.setReadyDelay(6 * HOUR);
    expect(standin.requests.length).toBe(logged);
  });

  test('logs each page request with what the browser says it is for', async () => {
    const before = standin.requests.length;
    await client(standin)('www.cpta.com.cn', '/certQuery.html');
    expect(standin.requests.slice(before)).toEqual([
      expect.objectContaining({ scheme: 'http', host: 'www.cpta.com.cn', method: 'GET', url: '/certQuery.html', dest: 'document', mode: 'navigate', status: 200 }),
    ]);
  });
});
