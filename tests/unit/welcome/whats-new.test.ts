// The what's-new list and what an install event means (lib/model/whats-new.ts), and its
// wiring in the background (lib/background/install.ts) through the fake browser's events.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCatalog } from '../../../lib/i18n/catalog';
import { CHANGES, changesBetween, compareVersions, onInstalledPlan, WHATS_NEW_KEY, type Change } from '../../../lib/model/whats-new';
import { onInstalled, registerInstall } from '../../../lib/background/install';
import type { ExtensionBrowser } from '../../../lib/background/browser';

const LIST: Change[] = [
  { version: '0.2.0', lines: ['whatsNew_a'] },
  { version: '0.4.0', lines: ['whatsNew_b', 'whatsNew_c'] },
];

describe('versions and the list', () => {
  test('versions compare part by part, as numbers', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.2.0', '0.2.1')).toBe(-1);
  });

  test('changes after the old version, up to and including the new one', () => {
    expect(changesBetween('0.1.0', '0.2.0', LIST).map((c) => c.version)).toEqual(['0.2.0']);
    expect(changesBetween('0.1.0', '0.5.0', LIST).map((c) => c.version)).toEqual(['0.2.0', '0.4.0']);
    expect(changesBetween('0.2.0', '0.3.9', LIST)).toEqual([]);
    expect(changesBetween('0.4.0', '0.4.0', LIST)).toEqual([]);
  });

  test('the real list: versions rising, each line a string in both languages', () => {
    const catalog = readCatalog();
    for (let i = 1; i < CHANGES.length; i++) expect(compareVersions(CHANGES[i]!.version, CHANGES[i - 1]!.version)).toBe(1);
    for (const line of CHANGES.flatMap((c) => c.lines)) {
      expect(catalog.zh_CN.popup, line).toHaveProperty(line);
      expect(catalog.en.popup, line).toHaveProperty(line);
    }
  });
});

describe('what an install event means', () => {
  test('install opens the welcome page and notes nothing', () => {
    expect(onInstalledPlan({ reason: 'install' }, '0.4.0', undefined, LIST)).toEqual({ openWelcome: true, note: undefined });
  });

  test('an update with a holder-visible change notes it; one without removes any note; never the welcome page', () => {
    expect(onInstalledPlan({ reason: 'update', previousVersion: '0.1.0' }, '0.2.0', undefined, LIST)).toEqual({ openWelcome: false, note: { since: '0.1.0', version: '0.2.0' } });
    expect(onInstalledPlan({ reason: 'update', previousVersion: '0.2.0' }, '0.3.0', undefined, LIST)).toEqual({ openWelcome: false, note: null });
  });

  test('a note not yet dismissed keeps its start across a second update', () => {
    const pending = { since: '0.1.0', version: '0.2.0' };
    expect(onInstalledPlan({ reason: 'update', previousVersion: '0.2.0' }, '0.3.0', pending, LIST).note).toEqual({ since: '0.1.0', version: '0.3.0' });
  });

  test('a browser update or a shared module changes nothing', () => {
    for (const reason of ['browser_update', 'chrome_update', 'shared_module_update']) {
      expect(onInstalledPlan({ reason, previousVersion: '0.1.0' }, '0.4.0', undefined, LIST)).toEqual({ openWelcome: false, note: undefined });
    }
  });
});

describe('the background on install and update', () => {
  const browser = fakeBrowser as unknown as ExtensionBrowser;
  const stored = async () => ((await fakeBrowser.storage.local.get(WHATS_NEW_KEY)) as Record<string, unknown>)[WHATS_NEW_KEY];
  afterEach(() => vi.restoreAllMocks());
  const version = (v: string) => vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: v });

  test('install opens exactly one tab, the welcome page', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    version('0.2.0');
    registerInstall(browser);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create.mock.calls[0]![0].url).toBe(fakeBrowser.runtime.getURL('/welcome.html'));
    expect(await stored()).toBeUndefined();
  });

  test('an update opens no tab; it leaves a note only when the list has an entry for it', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const first = CHANGES[0]!.version;
    version(first);
    await onInstalled(browser, { reason: 'update', previousVersion: '0.0.1' });
    expect(await stored()).toEqual({ since: '0.0.1', version: first });
    // Dismissed, then an update with nothing a holder would notice: no note.
    await fakeBrowser.storage.local.remove(WHATS_NEW_KEY);
    version(`${first}.1`);
    await onInstalled(browser, { reason: 'update', previousVersion: first });
    expect(await stored()).toBeUndefined();
    await onInstalled(browser, { reason: 'browser_update' });
    expect(await stored()).toBeUndefined();
    expect(create).not.toHaveBeenCalled();
  });
});
