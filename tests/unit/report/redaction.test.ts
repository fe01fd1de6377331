// The page report keeps the portal's words and the page's structure, and nothing of the
// holder's: on every saved page, and on pages with personal data planted everywhere a
// page can hold it (text, labels' values, attributes, form fields, links, scripts, frames).
import { describe, expect, test } from 'vitest';
import { SAVED, fixtureHtml, loadHtml, loadShared, page } from '../portal/fixtures';
import { recognisePage } from '../../../lib/portal/recognise';
import { controlName } from '../../../lib/portal/text';
import { formatReport, isSecretField } from '../../../lib/report/build';
import { VOCABULARY } from '../../../lib/report/mask';
import { ALL_PLANTED, PLANTED, documentsOf, random, reportOf, survivors, unmaskedText } from './helpers';

describe('on every saved page', () => {
  for (const p of SAVED) {
    test(`${p.file}: only the portal's words and masks are left, and its words are kept`, async () => {
      const { document, url } = await loadShared(p.file);
      const report = reportOf(document, url);
      const text = formatReport(report);
      for (const doc of documentsOf(report.page)) expect(unmaskedText(doc)).toEqual([]);
      // The made-up holders of the saved pages do not survive either.
      for (const secret of ['李文静', '王建国', '2205110000300127', '2411010000710093', 'YH2022060100417']) expect(text).not.toContain(secret);
      // The guide's target is there in its words.
      const r = recognisePage(document, url);
      if (r.target) expect(text).toContain(controlName(r.target).trim());
      // Every portal word a text of the page holds is in the report.
      const compactReport = text.replace(/\s+/g, '');
      const walker = document.createTreeWalker(document.body!, 4);
      let checked = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('script, style')) continue;
        const own = (node.nodeValue ?? '').replace(/[\s\u3000]+/g, '');
        for (const word of VOCABULARY) {
          if (!own.includes(word)) continue;
          expect(compactReport, word).toContain(word);
          checked++;
        }
      }
      if (p.step !== 'unknown') expect(checked).toBeGreaterThan(0);
    });
  }
});

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** Puts every planted item into the page, each in several kinds of places, at random spots. */
function plant(doc: Document, rnd: () => number): void {
  const body = doc.body!;
  const spots = () => Array.from(body.querySelectorAll('div, td, th, p, span, li, form, table, h1, h2, h3, a')).filter((e) => !e.closest('script, style'));
  const spot = () => pick(rnd, spots()) ?? body;
  const el = (html: string) => {
    const t = doc.createElement('template');
    t.innerHTML = html;
    return t.content;
  };
  for (const item of ALL_PLANTED) {
    const here = spot();
    switch (Math.floor(rnd() * 6)) {
      case 0:
        here.appendChild(doc.createTextNode(` ${item} `));
        break;
      case 1:
        here.appendChild(el(`<span>姓名：</span><span>${item}</span>`));
        break;
      case 2:
        here.appendChild(el(`<div>管理号：${item}</div>`));
        break;
      case 3:
        here.appendChild(el(`<b>${item}</b>`));
        break;
      case 4:
        here.appendChild(el(`<table><tr><th>证书编号</th><td>${item}</td><th>状态</th><td>有效</td></tr></table>`));
        break;
      default:
        here.insertBefore(doc.createTextNode(item), here.firstChild);
    }
    // Attributes, fields, links, code, comments and frames.
    const other = spot();
    other.setAttribute('title', `${item}的证书`);
    other.setAttribute('data-holder', item);
    other.setAttribute('class', `user-${item}`);
    other.setAttribute('id', `row-${item}`);
    other.appendChild(
      el(
        `<input type="text" name="holder" value="${item}"><input type="hidden" name="token" value="${item}">` +
          `<input type="button" value="${item}"><img alt="${item}"><input placeholder="${item}" aria-label="${item}">` +
          `<textarea>${item}</textarea><select name="who"><option value="${item}" selected>${item}</option></select>` +
          `<a href="/certMng/user/${encodeURIComponent(item)}/13812345678/show.do?name=${encodeURIComponent(item)}#${encodeURIComponent(item)}">查看</a>` +
          `<a href="javascript:certDown('${item}')" onclick="show('${item}', 13812345678)">下载</a>` +
          `<!-- ${item} --><script>var holder = '${item}';</script><style>.x::after { content: '${item}'; }</style>` +
          `<iframe src="https://www.example.com/p?name=${encodeURIComponent(item)}"></iframe>`,
      ),
    );
  }
  doc.title += ` ${pick(rnd, PLANTED.names)}`;
  // The fields that never give a value: password, captcha, ID number (by type, name or label).
  const id = pick(rnd, PLANTED.idNumbers);
  body.appendChild(
    el(
      `<table><tr><td>证件号码：</td><td><input type="text" name="loginName" value="${id}"></td></tr>` +
        `<tr><td>密码：</td><td><input type="password" name="pw" value="${pick(rnd, PLANTED.phones)}"></td></tr>` +
        `<tr><td>验证码：</td><td><input type="text" name="yzm" value="${pick(rnd, PLANTED.certificates)}"></td></tr></table>` +
        `<input type="text" name="idCard" value="${id}"><input type="text" name="sfzh" value="${id}">`,
    ),
  );
}

describe('on generated pages with planted personal data', () => {
  const seeds = [1, 2];
  for (const p of SAVED) {
    for (const seed of seeds) {
      test(`${p.file}, seed ${seed}: no planted item survives, and the page is still what it was`, () => {
        const url = `${p.url}${p.url.includes('?') ? '&' : '?'}holder=${encodeURIComponent(PLANTED.names[seed]!)}&id=${PLANTED.idNumbers[seed % 3]}`;
        const { document } = loadHtml(fixtureHtml(p.file), url);
        plant(document, random(seed * 7919 + p.file.length));
        const before = recognisePage(document, new URL(url));
        const report = reportOf(document, new URL(url));
        const text = formatReport(report);
        expect(survivors(text)).toEqual([]);
        for (const doc of documentsOf(report.page)) expect(unmaskedText(doc)).toEqual([]);
        // Recognition of the planted page is unchanged by building its report.
        expect(recognisePage(document, new URL(url)).step).toBe(before.step);
      });
    }
  }
});

describe('password, captcha and ID-number fields never contribute a value', () => {
  test('their values are never read, and nothing of them is in the report', () => {
    const p = page('login/certmng-login-table.html');
    const { document, url } = loadHtml(fixtureHtml(p.file), p.url);
    plant(document, random(42));
    const guarded = Array.from(document.querySelectorAll('input')).filter((i) => isSecretField(i));
    // The login page's own fields and the planted ones: password, verifyCode, loginName beside 证件号码, idCard, sfzh, yzm, hidden.
    const names = guarded.map((i) => i.getAttribute('name'));
    for (const name of ['loginPwd', 'verifyCode', 'pw', 'yzm', 'idCard', 'sfzh', 'token']) expect(names).toContain(name);
    const reads: string[] = [];
    for (const input of guarded) {
      Object.defineProperty(input, 'value', {
        get: () => (reads.push(input.getAttribute('name') ?? ''), ''),
        configurable: true,
      });
    }
    const text = formatReport(reportOf(document, url));
    expect(reads).toEqual([]);
    expect(survivors(text, PLANTED.idNumbers)).toEqual([]);
    // The trap works: reading a guarded field is seen.
    void guarded[0]!.value;
    expect(reads).toHaveLength(1);
  });

  test('a field is guarded by its type, its name (a login name too: often an ID number), or the label beside it', () => {
    const { document } = loadHtml(
      '<table><tr><td>身份证号</td><td><input id="a" name="q1"></td></tr><tr><td>姓名</td><td><input id="b" name="q2"></td></tr></table>' +
        '<input id="c" type="password"><input id="d" name="checkCode"><input id="e" placeholder="请输入证件号码"><input id="f" type="hidden"><input id="g" name="loginName">',
      'http://zs.cpta.com.cn/x',
    );
    const guarded = (id: string) => isSecretField(document.getElementById(id)!);
    expect(['a', 'c', 'd', 'e', 'f', 'g'].map(guarded)).toEqual([true, true, true, true, true, true]);
    expect(guarded('b')).toBe(false);
  });
});

describe('masking keeps shape', () => {
  test('a name becomes 某某, dates stay dates, a 管理号 keeps its length, an ID number its shape', async () => {
    const { document, url } = loadHtml(
      '<table><tr><th>姓名</th><td>张伟</td></tr><tr><th>管理号</th><td>2205110000300127</td></tr>' +
        '<tr><th>批准日期</th><td>2024年12月20日</td></tr><tr><th>有效期</th><td>2026-09-03 至 2026-12-01</td></tr>' +
        '<tr><th>证件号码</th><td>11010519491231002X</td></tr><tr><th>加注有效期</th><td><select><option>90天</option></select></td></tr></table>',
      'http://zs.cpta.com.cn/certMng/a.do?method=view&id=2205110000300127',
    );
    const html = reportOf(document, url).page.html.join('\n');
    expect(html).toContain('<td>某某</td>');
    expect(html).toContain('<td>0000000000000000</td>');
    expect(html).toContain('<td>0000年00月00日</td>');
    expect(html).toContain('<td>0000-00-00 至 0000-00-00</td>');
    expect(html).toContain('<td>00000000000000000x</td>');
    expect(html).toMatch(/<option[^>]*>90天<\/option>/);
    expect(reportOf(document, url).page.url).toBe('http://zs.cpta.com.cn/certMng/a.do?method=xxxx&id=0000000000000000');
  });
});
