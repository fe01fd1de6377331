// The store listings (docs/store/listing.*.md), PRIVACY.md and the store images agree with
// the extension: the same name and short description as the manifest, every permission it
// asks for explained in every document, and images of the sizes the stores take.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import config from '../../wxt.config';
import { PORTAL_MATCHES } from '../../lib/portal/hosts';
import { readCatalog } from '../../lib/i18n/catalog';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => { permissions: string[] };
const manifestFor = (browser: string) => (config.manifest as unknown as ManifestFn)({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });

/** The section under a `## heading`, up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const body = markdown.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/** The first column of each row of the section's table. */
function tableKeys(text: string): string {
  return text.split('\n').filter((l) => l.startsWith('| `') || /^\| [^-|]/.test(l)).map((l) => l.split('|')[1]!).join(' ');
}

function pngSize(path: string): [number, number] {
  const b = readFileSync(join(ROOT, path));
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const catalog = readCatalog();

describe('store listings', () => {
  for (const [locale, suffix, permissionsHeading] of [['zh_CN', 'zh', '权限说明'], ['en', 'en', 'Permission justifications']] as const) {
    const listing = read(`docs/store/listing.${locale}.md`);
    const manifest = catalog[locale]!.manifest!;

    test(`${locale}: name and short description are the manifest's, within Chrome's 132 characters`, () => {
      const heads = locale === 'en' ? ['Name', 'Short description'] : ['名称', '简短说明'];
      expect(section(listing, heads[0]!)).toBe(manifest.extName);
      const short = section(listing, heads[1]!).split('\n').filter((l) => l && !/^[（(]/.test(l));
      expect(short).toEqual([manifest.extDescription]);
      expect(manifest.extDescription!.length).toBeLessThanOrEqual(132);
    });

    test(`${locale}: every permission the manifest asks for is justified, and every portal host`, () => {
      const table = tableKeys(section(listing, permissionsHeading));
      for (const permission of manifestFor('chrome').permissions) expect(table).toContain(`\`${permission}\``);
      for (const match of PORTAL_MATCHES) expect(table).toContain(match.replace(/^\*:\/\/|\/\*$/g, ''));
    });

    test(`${locale}: the images are there, 1280×800 screenshots and a 440×280 tile`, () => {
      for (const shot of ['screenshot-1-panel-list', 'screenshot-2-panel-annotation', 'screenshot-3-popup', 'screenshot-4-settings']) {
        expect([shot, pngSize(`docs/store/${shot}.${suffix}.png`)]).toEqual([shot, [1280, 800]]);
      }
      expect(pngSize(`docs/store/promo-tile.${suffix}.png`)).toEqual([440, 280]);
    });
  }

  test('PRIVACY.md explains every permission and host, in both languages (Chinese first)', () => {
    const privacy = read('PRIVACY.md');
    const zh = section(privacy, '中文');
    const en = section(privacy, 'English');
    expect(privacy.indexOf('## 中文')).toBeLessThan(privacy.indexOf('## English'));
    for (const part of [zh, en]) {
      const table = tableKeys(part);
      for (const permission of [...manifestFor('chrome').permissions, ...PORTAL_MATCHES]) expect(table).toContain(`\`${permission}\``);
    }
  });

});
