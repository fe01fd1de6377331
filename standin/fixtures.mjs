// @ts-check
// Which saved page the stand-in serves for what. The pages themselves live under
// tests/fixtures/<step-id>/ and are shared with the unit and end-to-end tests.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../tests/fixtures');

/** The saved page for each page of the flow (the older, table-based wording the guide describes). */
export const PAGES = {
  home: 'portal-home/home-2021-table.html',
  certQuery: 'cert-entry/certquery-2022-table.html',
  certDown2024: 'cert-entry/certdown2024-div.html',
  login: 'login/certmng-login-table.html',
  examfrontLogin: 'login/examfront-login-bootstrap.html',
  register: 'register/examfront-register-bootstrap.html',
  terms: 'service-terms/terms-table-input.html',
  certList: 'cert-list/list-table.html',
  /** The annotation-and-download page, one saved page per state. */
  annotation: {
    none: 'annotation/none-table-input.html',
    generating: 'annotation/generating-table-button.html',
    valid: 'annotation/valid-iso-table.html',
    expired: 'annotation/expired-div-link.html',
  },
  annotationApply: 'annotation-apply/apply-select-days-table.html',
  annotationSubmitted: 'annotation-apply/apply-submitted.html',
  frameset: 'frames/certmng-frameset.html',
  frameTop: 'frames/certmng-top.html',
  frameLeft: 'frames/certmng-left.html',
  // Other parts of the portal, which the guide must leave alone.
  noticeList: 'unknown/notice-list.html',
  notice: 'unknown/notice-annotation-howto.html',
  score: 'unknown/score-query.html',
  certCheck: 'unknown/cert-check-query.html',
  examfrontHome: 'unknown/exam-registration-news.html',
  notFound: 'unknown/not-found-404.html',
};

/** @type {Map<string, string>} */
const cache = new Map();

/**
 * A saved page's text. Read once; pages written in GBK are decoded by their meta charset.
 * @param {string} relative path under tests/fixtures
 */
export function fixture(relative) {
  let text = cache.get(relative);
  if (text === undefined) {
    const bytes = readFileSync(join(FIXTURES, relative));
    const head = bytes.subarray(0, 1024).toString('latin1');
    const charset = /charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
    text = new TextDecoder(charset).decode(bytes);
    cache.set(relative, text);
  }
  return text;
}

/**
 * A saved page asked for by name: fixtures.json gives each variant of a real page the
 * real path plus `v=<file name>`.
 * @param {string} path @param {string} variant
 * @returns {{ file: string, status: number } | undefined} the file, relative to tests/fixtures
 */
export function savedVariant(path, variant) {
  /** @type {{ pages: { file: string, url: string, status?: number, generatedBy?: string }[] }} */
  const index = JSON.parse(readFileSync(join(FIXTURES, 'fixtures.json'), 'utf8'));
  const entry = index.pages.find((p) => {
    if (p.generatedBy) return false;
    const url = new URL(p.url);
    return url.pathname === path && (url.searchParams.get('v') ?? p.file.replace(/^.*\/|\.html$/g, '')) === variant;
  });
  return entry && { file: entry.file, status: entry.status ?? 200 };
}
