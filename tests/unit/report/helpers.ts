// Shared by the report tests: the report of a saved page, planted personal data, and a
// scan of what a report still holds.
import { Window } from 'happy-dom';
import { recognisePage } from '../../../lib/portal/recognise';
import { buildPageReport, type BuildOptions } from '../../../lib/report/build';
import { keptPositions, VOCABULARY } from '../../../lib/report/mask';
import type { PageReport, ReportedDocument } from '../../../lib/report/types';

export const HEADER = { extension: '0.1.0', browser: 'Chrome 156', step: 'unknown', unreadable: [] as string[] };

export function reportOf(doc: Document, url: URL, options: BuildOptions = {}): PageReport {
  const step = recognisePage(doc, url).step;
  return buildPageReport(doc, url, { ...HEADER, step }, { recognise: (d, u) => recognisePage(d, u).step, ...options });
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PLANTED = {
  names: ['张伟', '王秀英', '李娜', '刘洋', '欧阳明月', '赵建国', '孙丽华', '马晓燕'],
  idNumbers: ['11010519491231002X', '440301198807150037', '320102197003154521'],
  phones: ['13812345678', '15967452318', '010-87654321', '+86 139 2468 1357'],
  certificates: ['2309120000456781', 'YH2023071500882', 'ZJ1100284756', '2205119876543210'],
  addresses: ['北京市朝阳区建国路88号院3号楼1201室', '上海市浦东新区世纪大道100号', '广东省深圳市南山区科技园南区', '四川省成都市武侯区人民南路四段'],
  emails: ['zhangwei1985@example.com'],
};
export const ALL_PLANTED = Object.values(PLANTED).flat();

/**
 * The pieces of a planted item that must not be found in a report: the item itself, its
 * percent-encoded form, every two-character window of its Han runs that is not part of a
 * portal word, every run of three or more digits, and every Latin run of three or more.
 */
export function tracesOf(item: string): string[] {
  const out = new Set<string>([item, encodeURIComponent(item)]);
  for (const run of item.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (!VOCABULARY.some((w) => w.includes(pair))) out.add(pair);
    }
  }
  for (const run of item.match(/\d{3,}/g) ?? []) out.add(run);
  for (const run of item.match(/[A-Za-z]{3,}/g) ?? []) if (!/^(?:com|example)$/.test(run)) out.add(run);
  return [...out];
}

/** Planted items found in a report's text, with the trace that gave each away. */
export function survivors(reportText: string, items: readonly string[] = ALL_PLANTED): string[] {
  const found: string[] = [];
  for (const item of items) for (const trace of tracesOf(item)) if (reportText.includes(trace)) found.push(`${item} (${trace})`);
  return found;
}

const parser = new new Window().DOMParser();

/** Every document of a report, the page first. */
export function documentsOf(doc: ReportedDocument): ReportedDocument[] {
  return [doc, ...doc.frames.flatMap((f) => (f.page ? documentsOf(f.page) : []))];
}

/**
 * What a report's text and attribute values hold besides the portal's words and masks:
 * Han characters other than 某 and digits other than 0 (numbers of structure, such as
 * colspan, are not text). Empty when the redaction kept nothing else.
 */
export function unmaskedText(doc: ReportedDocument): string[] {
  const d = parser.parseFromString(`<!doctype html>${doc.html.join('\n')}`, 'text/html') as unknown as Document;
  // A URL's host and path are kept (they name the portal's pages): its query is checked.
  const query = (url: string) => (url.includes('?') && !/^javascript:/i.test(url) ? url.slice(url.indexOf('?')) : /^javascript:/i.test(url) ? url : '');
  const values: string[] = [doc.title, query(doc.url)];
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) values.push((c as Text).data);
      else if (c.nodeType === 1) {
        for (const a of Array.from((c as Element).attributes)) {
          if (/^(?:href|src|action)$/.test(a.name)) values.push(query(a.value));
          else if (!/^(?:colspan|rowspan|rows|cols|data-report-frame|charset)$/.test(a.name)) values.push(a.value);
        }
        walk(c);
      }
    }
  };
  walk(d.documentElement);
  const out: string[] = [];
  for (const value of values) {
    const kept = keptPositions(value);
    let i = 0;
    for (const ch of value) {
      if (!kept[i] && ((/\p{Script=Han}/u.test(ch) && ch !== '某') || (/\p{Nd}/u.test(ch) && ch !== '0'))) out.push(`${ch} in “${value.slice(0, 60)}”`);
      i += ch.length;
    }
  }
  return out;
}
