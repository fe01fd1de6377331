// @ts-check
// The pages the stand-in serves: a saved page from tests/fixtures with the few edits
// the flow needs. Every edit is one of the named functions below, so a reader can tell
// exactly where the stand-in departs from the saved page.
import { normalise, parse, serialize } from './dom.mjs';
import { fixture, PAGES } from './fixtures.mjs';

/**
 * @typedef {object} Certificate  a row of the saved certificate list
 * @property {string} number      管理号 / 证书编号
 * @property {string} name        holder
 * @property {string} qualification
 * @property {string} level
 * @property {string} approvalDate YYYY-MM-DD
 * @property {'valid' | 'withdrawn'} status
 */

/**
 * Parses a saved page, lets `edit` change it, and gives back HTML. Pages saved in
 * another charset are served as UTF-8 and say so.
 * @param {string} relative
 * @param {(doc: import('./dom.mjs').Doc) => void} [edit]
 */
export function render(relative, edit) {
  const text = fixture(relative);
  const charset = /charset=["']?([\w-]+)/i.exec(text.slice(0, 1024))?.[1]?.toLowerCase() ?? 'utf-8';
  if (!edit && (charset === 'utf-8' || charset === 'utf8')) return text;
  const { document, close } = parse(text);
  try {
    for (const meta of document.querySelectorAll('meta[charset]')) meta.setAttribute('charset', 'utf-8');
    for (const meta of document.querySelectorAll('meta[http-equiv]')) {
      if (/content-type/i.test(meta.getAttribute('http-equiv') ?? '')) meta.setAttribute('content', 'text/html; charset=utf-8');
    }
    edit?.(document);
    return serialize(document);
  } finally {
    close();
  }
}

/**
 * Absolute links between the portal's hosts are written with http:// in the saved
 * pages; the stand-in serves each page in the scheme it was asked for, so that a walk
 * started over https stays on https.
 * @param {string} html @param {'http' | 'https'} scheme
 */
export function keepScheme(html, scheme) {
  return html.replace(/\bhttps?:\/\/((?:[\w-]+\.)*cpta\.com\.cn|cpta\.mohrss\.gov\.cn)\b/g, `${scheme}://$1`);
}

// ---- the certificates: the ones the saved list page shows ----

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** @returns {Certificate[]} */
export function certificatesOnTheList() {
  const { document, close } = parse(fixture(PAGES.certList));
  try {
    const headers = [...document.querySelectorAll('th')].map((th) => normalise(th.textContent));
    const col = (/** @type {string[]} */ names) => headers.findIndex((h) => names.includes(h));
    const at = { name: col(['姓名']), qualification: col(['资格名称']), level: col(['级别']), number: col(['管理号', '证书编号']), date: col(['批准日期']), status: col(['证书状态', '状态']) };
    return [...document.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
      const m = DATE.exec(cells[at.date] ?? '');
      return {
        number: cells[at.number] ?? '',
        name: cells[at.name] ?? '',
        qualification: cells[at.qualification] ?? '',
        level: cells[at.level] ?? '',
        approvalDate: m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : '',
        status: normalise(cells[at.status]) === '已撤销' ? /** @type {const} */ ('withdrawn') : /** @type {const} */ ('valid'),
      };
    }).filter((c) => c.number);
  } finally {
    close();
  }
}

// ---- edits ----

/**
 * The saved login page never submits (its check returns false) and has no captcha
 * image: the stand-in lets it submit and gives it an image that accepts anything.
 * @param {import('./dom.mjs').Doc} doc
 */
export function loginThatSubmits(doc) {
  for (const form of doc.querySelectorAll('form')) form.removeAttribute('onsubmit');
  for (const img of doc.querySelectorAll('img')) {
    if (/验证码/.test(img.getAttribute('alt') ?? '') && !img.getAttribute('src')) img.setAttribute('src', 'captcha.jsp?t=0');
  }
}
