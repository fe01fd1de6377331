// A holder's whole first visit, in real Chromium with the built extension, on the
// stand-in portal (standin/): home, entry, login, terms, list (consent given), the
// annotation page, an application of 60 days, generating, ready 25 hours later (reminder
// and badge), valid (the page's dates replace the estimate), the popup, 3 days before
// expiry (reminder), past expiry (reminder; the guide points at [申请证书加注]), and three
// more applications (the quota warning and the day it frees).
//
// At every step: the guide's data-step and target, no console error from the extension,
// and no request from the extension (the stand-in's log holds page loads only).
// Once over http in Chinese, once over https, once with the browser in English.
// Screenshots of every step: test-output/journey/<run>/NN-<step>.png.
//
// Time: the extension plans from the browser's clock. The walk moves the stand-in's clock
// and the service worker's `Date` (and the popup's) to the same instant, then fires the
// reminders' alarm as Chrome would when that moment came (standin/walk.mjs).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { DIST } from './chromium';
import { launchChromium } from '../../standin/browser.mjs';
import { startStandin, type Standin } from '../../standin/server.mjs';
import { Walk, type Records } from '../../standin/walk.mjs';
import { journeyAnnotation, journeySteps, JOURNEY_CERTIFICATE, type JourneyStep } from '../../standin/journey.mjs';
import { annotationView, quotaOn as standinQuota } from '../../standin/model.mjs';
import { NEXT_ALARM } from '../../lib/background/reminders/alarms';
import { addDays, beijingDateAt, formatBeijingDate } from '../../lib/dates/beijing';
import { quotaOn, QUOTA_LIMIT, QUOTA_WINDOW_DAYS } from '../../lib/model/quota';
import type { Annotation } from '../../lib/model/annotation';
import { makeTranslate } from '../../lib/i18n/translate';
import type { Locale } from '../../lib/i18n/locale';
import zhPortal from '../../lib/i18n/zh_CN/portal.json';
import enPortal from '../../lib/i18n/en/portal.json';

const OUTPUT = resolve(import.meta.dirname, '../../test-output/journey');
/** The rule's numbers, as the guide's quota lines name them. */
const RULE = { window: QUOTA_WINDOW_DAYS, limit: QUOTA_LIMIT };

const RUNS = [
  { run: 'http-zh', scheme: 'http', lang: 'zh-CN', locale: 'zh_CN' },
  { run: 'https-zh', scheme: 'https', lang: 'zh-CN', locale: 'zh_CN' },
  { run: 'http-en', scheme: 'http', lang: 'en', locale: 'en' },
] as const;

/** What a page load is: a document, a frame, or an image/style/script of a page. Never fetch/XHR. */
const PAGE_LOAD_DESTINATIONS = ['document', 'iframe', 'frame', 'image', 'style', 'script', 'font'];
const PAGE_LOAD_TYPES = ['document', 'image', 'stylesheet', 'script', 'font'];
const NETWORK_CALL_TYPES = ['fetch', 'xhr', 'websocket', 'eventsource', 'ping', 'other'];

interface ErrorSeen { where: string; text: string }

/**
 * Console errors and uncaught exceptions, from every execution context of a page
 * (the portal's own scripts and the extension's content script in its isolated world).
 */
async function watchErrors(page: Page, extensionId: string, extension: ErrorSeen[], portal: ErrorSeen[]): Promise<Watched> {
  const cdp = await page.context().newCDPSession(page);
  const contexts = new Map<number, string>();
  cdp.on('Runtime.executionContextCreated', (e) => contexts.set(e.context.id, e.context.origin));
  const fromExtension = (contextId: number | undefined, urls: string[]) =>
    page.url().startsWith('chrome-extension://') ||
    (contextId !== undefined && (contexts.get(contextId) ?? '').startsWith(`chrome-extension://${extensionId}`)) ||
    urls.some((u) => u.startsWith('chrome-extension://'));
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type !== 'error' && e.type !== 'assert') return;
    const text = e.args.map((a) => a.value ?? a.description ?? '').join(' ');
    const urls = e.stackTrace?.callFrames.map((f) => f.url) ?? [];
    (fromExtension(e.executionContextId, urls) ? extension : portal).push({ where: page.url(), text });
  });
  cdp.on('Runtime.exceptionThrown', (e) => {
    const d = e.exceptionDetails;
    const urls = [d.url ?? '', ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])];
    (fromExtension(d.executionContextId, urls) ? extension : portal).push({ where: page.url(), text: d.exception?.description ?? d.text });
  });
  await cdp.send('Runtime.enable');
  return {
    /** Logs an error from inside the extension's content script: proves the watch sees them. */
    async errorFromContentScript(text: string) {
      const id = [...contexts].find(([, origin]) => origin === `chrome-extension://${extensionId}`)?.[0];
      if (id === undefined) throw new Error('the content script runs in no context of this page');
      await cdp.send('Runtime.evaluate', { expression: `console.error(${JSON.stringify(text)})`, contextId: id });
    },
  };
}

interface Watched { errorFromContentScript(text: string): Promise<void> }

function localeDate(date: string, locale: Locale): string {
  return formatBeijingDate(date, locale);
}

describe.each(RUNS)('a holder\'s first visit ($run)', ({ run, scheme, lang, locale }) => {
  let standin: Standin;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let walk: Walk;
  const extensionErrors: ErrorSeen[] = [];
  const portalErrors: ErrorSeen[] = [];
  const networkCalls: string[] = [];
  const offPortal: string[] = [];
  const watched = new Map<Page, Watched>();
  /** Requests that pages made to load themselves, as the browser reports them. */
  const pageLoads = new Set<string>();
  const shots = join(OUTPUT, run);
  const t = makeTranslate({ zh_CN: zhPortal, en: enPortal }, locale);

  beforeAll(async () => {
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    standin = await startStandin({ readyDelayMs: 23 * 3_600_000 });
    browser = await launchChromium({ dist: DIST, ports: standin.ports, headless: true, lang });
    browser.worker.on('console', (m) => { if (m.type() === 'error') extensionErrors.push({ where: 'service worker', text: m.text() }); });
    const watch = (p: Page) => void watchErrors(p, browser.extensionId, extensionErrors, portalErrors).then((w) => watched.set(p, w), () => undefined);
    browser.context.pages().forEach(watch);
    browser.context.on('page', watch);
    browser.context.on('request', (r: Request) => {
      const url = new URL(r.url());
      // Loads of the extension's own files (its notification icon) never leave the device.
      if (NETWORK_CALL_TYPES.includes(r.resourceType()) && url.protocol !== 'chrome-extension:') networkCalls.push(`${r.resourceType()} ${r.url()}`);
      if (PAGE_LOAD_TYPES.includes(r.resourceType()) && !r.serviceWorker()) pageLoads.add(`${r.method()} ${url.protocol}//${url.host}${url.pathname}${url.search}`);
      if (!['chrome-extension:', 'data:', 'blob:'].includes(url.protocol) && !/(^|\.)cpta\.com\.cn$|^cpta\.mohrss\.gov\.cn$/.test(url.hostname)) offPortal.push(r.url());
    });
    walk = new Walk({
      context: browser.context,
      worker: browser.worker,
      extensionId: browser.extensionId,
      standin,
      origin: `${scheme}://www.cpta.com.cn`,
      shots,
      reminderAlarm: NEXT_ALARM,
    });
  });

  afterAll(async () => {
    if (portalErrors.length) writeFileSync(join(shots, 'portal-page-errors.txt'), portalErrors.map((e) => `${e.where}: ${e.text}`).join('\n'));
    await browser?.close();
    await standin?.close();
  });

  const stored = (r: Records) => r.annotations.filter((a) => a.certificateNumber === JOURNEY_CERTIFICATE) as Annotation[];
  const applications = () => [...standin.accounts.values()].flatMap((a) => a.applications).filter((a) => a.certNo === JOURNEY_CERTIFICATE);

  /** What each step must have done, beyond what the guide shows. */
  const checks: Record<string, (step: JourneyStep) => Promise<void>> = {
    home: async () => {
      // The error watch is live: an error logged by the content script is caught, and named.
      await expect.poll(() => watched.has(walk.page)).toBe(true);
      await watched.get(walk.page)!.errorFromContentScript('journey canary');
      await expect.poll(() => extensionErrors.map((e) => e.text)).toEqual(['journey canary']);
      extensionErrors.length = 0;
    },
    list: async () => {
      const view = await walk.guideNow();
      // The highlighted [下载] is on a row whose status is 有效.
      expect(view.target?.context).toContain('有效');
      expect(view.target?.context).not.toContain('已撤销');
    },
    'list-consent': async () => {
      const r = await walk.records();
      expect(r.settings[0]?.rememberPages).toBe(true);
      expect(r.certificates.map((c) => [c.number, c.status]).sort()).toEqual([
        ['1911010000201543', 'withdrawn'],
        ['1944030000105266', 'valid'],
        [JOURNEY_CERTIFICATE, 'valid'],
      ]);
    },
    'apply-60-days': async () => {
      await expect.poll(() => walk.panelText()).toContain(t('apply_validity_under_90', { days: 60 }));
    },
    submitted: async () => {
      const [a, ...more] = stored(await walk.records());
      expect(more).toEqual([]);
      expect(a).toMatchObject({ state: 'generating', validityDays: 60, scenario: '本人调用', validUntil: { source: 'estimated' } });
      // The estimate: from the day of the application, 60 days.
      expect(a!.validUntil.date).toBe(addDays(beijingDateAt(a!.appliedAt), 59));
      expect(applications()).toEqual([expect.objectContaining({ validityDays: 60, scenario: '本人调用' })]);
      expect(Math.abs(applications()[0]!.appliedAt - a!.appliedAt)).toBeLessThan(60_000);
    },
    'ready-reminder': async () => {
      expect(await walk.notificationKinds()).toEqual(['ready']);
      expect((await walk.badge()).text).toBe('1');
    },
    valid: async () => {
      const view = annotationView(applications(), walk.now());
      if (view.state !== 'valid') throw new Error(`the stand-in shows ${view.state}`);
      const a = journeyAnnotation(await walk.records()) as Annotation;
      // The dates read from the page replaced the estimate.
      expect(a).toMatchObject({ state: 'valid', validFrom: { date: view.validFrom, source: 'portal' }, validUntil: { date: view.validUntil, source: 'portal' } });
      expect(await walk.page.locator('body').innerText()).toContain(`${view.validFrom} 至 ${view.validUntil}`);
    },
    popup: async () => {
      const popup = await walk.openPopup();
      try {
        const entry = popup.locator('[data-testid="certificate"]').filter({ hasText: JOURNEY_CERTIFICATE });
        await expect.poll(() => entry.getAttribute('data-annotation-state'), { timeout: 10_000 }).toBe('valid');
        const a = journeyAnnotation(await walk.records()) as Annotation;
        expect(await entry.innerText()).toContain(localeDate(a.validUntil.date, locale));
        const withdrawn = popup.locator('[data-testid="certificate"]').filter({ hasText: '1911010000201543' });
        await expect.poll(() => withdrawn.count()).toBe(1);
        await walk.screenshot('popup', popup);
      } finally {
        await popup.close();
      }
    },
    'expiring-reminder': async () => {
      const kinds = await walk.notificationKinds();
      expect(kinds).toContain('expiring');
      expect(kinds.filter((k) => k === 'expiring')).toHaveLength(1);
      expect((await walk.badge()).text).toBe('1');
    },
    'expired-reminder': async () => {
      expect((await walk.notificationKinds()).filter((k) => k === 'expired')).toHaveLength(1);
      expect((await walk.badge()).text).toBe('1');
    },
    expired: async () => {
      const a = journeyAnnotation(await walk.records()) as Annotation;
      expect(a.state).toBe('expired');
    },
    'second-form': async () => {
      await expect.poll(() => walk.panelText()).toContain(t('apply_quota_used', { used: 1, ...RULE }));
    },
    'third-form': async () => {
      await expect.poll(() => walk.panelText()).toContain(t('apply_quota_used', { used: 2, ...RULE }));
    },
    'third-submitted': async () => {
      expect(stored(await walk.records())).toHaveLength(3);
      expect(applications()).toHaveLength(3);
    },
    'quota-warning': async () => {
      const r = await walk.records();
      const today = beijingDateAt(walk.now());
      const ours = quotaOn(stored(r), JOURNEY_CERTIFICATE, today);
      // The extension and the stand-in agree on the day the first application stops counting.
      expect(ours).toMatchObject({ used: 3, canApply: false });
      expect(standinQuota(applications(), today).firstFreeDay).toBe(ours.firstFreeDay);
      expect(ours.firstFreeDay).toBe(addDays(beijingDateAt(stored(r).sort((x, y) => x.appliedAt - y.appliedAt)[0]!.appliedAt), 91));
      await expect.poll(() => walk.panelText()).toContain(t('apply_quota_full', { date: localeDate(ours.firstFreeDay!, locale), ...RULE }));
    },
    'quota-refused': async () => {
      expect(await walk.page.locator('[data-standin="refusal"]').innerText()).toContain('90日内同一证书最多可存在3次有效加注');
      expect(stored(await walk.records())).toHaveLength(3);
      expect(applications()).toHaveLength(3);
    },
  };

  test('walks every step with the guide, the records, the reminders and the popup', async () => {
    const how = await walk.speak(locale);
    // English must come from the browser's language alone; Chinese from it where this
    // Chromium has the locale (chromium-l10n), else from the holder's setting.
    if (locale === 'en') expect(how).toBe('browser');
    const steps = journeySteps({ validityDays: 60 });
    const seen = new Set<string>();
    for (const step of steps) {
      await step.run(walk);
      const page = walk.page;
      if (step.guide) {
        const view = await walk.guide(step.guide);
        expect(view.step, step.id).toBe(step.guide.step);
        if (step.guide.annotationState) expect(view.annotationState, step.id).toBe(step.guide.annotationState);
        if (step.guide.target !== undefined) expect(view.target?.text ?? null, step.id).toBe(step.guide.target);
        // The panel lives in the top document, in an open shadow root.
        expect(await page.locator('cpta-assistant').count(), step.id).toBe(1);
      }
      await checks[step.id]?.(step);
      if (step.shot === 'page') await walk.screenshot(step.id);
      else if (step.id !== 'popup') {
        const popup = await walk.openPopup();
        await popup.locator('[data-testid="certificate"]').first().waitFor();
        await walk.screenshot(step.id, popup);
        await popup.close();
      }
      seen.add(step.id);

      expect(extensionErrors, `console errors from the extension after ${step.id}`).toEqual([]);
      expect(networkCalls, `network calls after ${step.id}`).toEqual([]);
      expect(offPortal, `requests off the portal after ${step.id}`).toEqual([]);
      // Every request the stand-in received is a page loading itself, as the browser saw it
      // (or the browser's own favicon request). Sec-Fetch-Dest comes over https only.
      const notPageLoads = standin.requests.filter(
        (r) =>
          !(pageLoads.has(`${r.method} ${r.scheme}://${r.host}${r.url}`) || (r.url === '/favicon.ico' && r.method === 'GET')) ||
          (r.dest !== '' && !PAGE_LOAD_DESTINATIONS.includes(r.dest)) ||
          r.origin.startsWith('chrome-extension://'),
      );
      expect(notPageLoads, `requests to the portal that are not page loads, after ${step.id}`).toEqual([]);
      // Over https the whole walk stays on https.
      expect(standin.requests.every((r) => r.scheme === scheme), `scheme after ${step.id}`).toBe(true);
    }
    // Every check above belongs to a step that ran (a renamed step must not skip its check).
    for (const id of Object.keys(checks)) expect(seen.has(id), id).toBe(true);
    // The log and the browser agree the other way round too: every portal page the browser
    // loaded is in the stand-in's log (so the checks above did not pass on an empty log).
    const logged = new Set(standin.requests.map((r) => `${r.method} ${r.scheme}://${r.host}${r.url}`));
    const portalLoads = [...pageLoads].filter((l) => /\/\/[\w.]*cpta\.com\.cn\//.test(l));
    expect(new Set(portalLoads)).toEqual(new Set([...logged].filter((l) => !l.endsWith('/favicon.ico'))));
    expect(portalLoads.length).toBeGreaterThan(0);
  }, 120_000);
});
