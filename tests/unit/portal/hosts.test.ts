// The portal's hosts are named once (lib/portal/hosts.ts); everything else derives from them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isPortalHost, PORTAL_MATCHES, portalHostsInWords } from '../../../lib/portal/hosts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('the portal hosts, one source', () => {
  test('the match patterns decide which hosts are the portal', () => {
    for (const h of ['cpta.com.cn', 'zs.cpta.com.cn', 'a.b.cpta.com.cn', 'CPTA.mohrss.gov.cn', 'cpta.com.cn.']) expect(isPortalHost(h)).toBe(true);
    for (const h of ['mohrss.gov.cn', 'x.cpta.mohrss.gov.cn', 'evilcpta.com.cn', 'cpta.com.cn.evil.org', 'cpta.com']) expect(isPortalHost(h)).toBe(false);
  });

  test('the Privacy section names them as a person reads them', () => {
    expect(portalHostsInWords()).toBe('*.cpta.com.cn, cpta.mohrss.gov.cn');
  });

  test('no other file writes a match pattern of its own', () => {
    for (const file of ['wxt.config.ts', 'entrypoints/content.ts', 'lib/options/PrivacySection.tsx', 'lib/background/reminders/notify.ts']) {
      expect(readFileSync(resolve(ROOT, file), 'utf8')).not.toMatch(/\*:\/\/|\*\.cpta|cpta\.mohrss/);
    }
    expect(PORTAL_MATCHES).toEqual(['*://*.cpta.com.cn/*', '*://cpta.com.cn/*', '*://cpta.mohrss.gov.cn/*']);
  });
});
