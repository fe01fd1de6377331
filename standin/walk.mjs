// @ts-check
// Walking the portal the way a holder does, in a real browser with the extension: open
// a page, follow the control the guide highlights, fill what a person fills, and read
// what the extension shows and stores. Shared by `npm start` (headless walkthrough) and
// the journey test, so that the demo and the test walk the same way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { panelClick, panelText } from './panel.mjs';

/** The guide's contract (issue 3): the panel's host element and the highlighted control. */
export const PANEL = 'cpta-assistant';
export const TARGET_ATTRIBUTE = 'data-cpta-assistant-target';
export const CONSENT_BUTTON = '[data-testid="consent-accept"]';
/** The reminders' alarm that re-plans when it fires (lib/background/reminders/alarms.ts NEXT_ALARM). */
export const DEFAULT_REMINDER_ALARM = 'reminders:next';

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Worker} Worker
 * @typedef {{ step: string | null, annotationState: string | null, target: { text: string, context: string, frameUrl: string } | null }} GuideView
 * @typedef {{ certificates: any[], annotations: any[], settings: any[], reminderLog: any[] }} Records
 */

/**
 * Replaces `Date` in a browser realm with one whose "now" is shifted by `offset` ms (set
 * again to move it). Used in the extension's service worker and extension pages, so that
 * the extension plans from the same moved clock as the stand-in; Chrome's own alarms keep
 * real time, which is why the journey fires the reminder alarm by hand after a move.
 * Runs in the browser: it must not refer to anything outside itself.
 * @param {number} offset
 */
export function shiftClockInRealm(offset) {
  const g = /** @type {any} */ (globalThis);
  const Real = g.__standinRealDate ?? g.Date;
  g.__standinRealDate = Real;
  g.__standinClockOffset = offset;
  if (g.Date === Real) {
    class ShiftedDate extends Real {
      /** @param {any[]} args */
      constructor(...args) {
        if (args.length === 0) super(Real.now() + g.__standinClockOffset);
        else super(...args);
      }
      static now() {
        return Real.now() + g.__standinClockOffset;
      }
    }
    g.Date = ShiftedDate;
  }
}

/** Normalised label of a control, as the guide compares them. @param {string} text */
export function labelOf(text) {
  return text.replace(/[\s\u00a0\u3000]+/g, '').replace(/[[\]【】［］]/g, '');
}

export class Walk {
  /**
   * @param {{ context: BrowserContext, worker: Worker, extensionId: string,
   *   standin?: import('./server.mjs').Standin, origin: string, shots?: string, log?: (line: string) => void,
   *   reminderAlarm?: string, timeoutMs?: number }} options
   *   origin: where the portal is, e.g. "http://www.cpta.com.cn"
   */
  constructor(options) {
    this.context = options.context;
    this.worker = options.worker;
    this.extensionId = options.extensionId;
    /** The stand-in, whose clock the walk moves (none on the real portal: time then stays put). */
    this.optionalStandin = options.standin;
    this.origin = options.origin;
    this.shots = options.shots;
    this.log = options.log ?? (() => undefined);
    this.reminderAlarm = options.reminderAlarm ?? DEFAULT_REMINDER_ALARM;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    /** The browser's clock offset from real time, kept equal to the stand-in's. */
    this.offset = 0;
    this.shotCount = 0;
    /** @type {Page | undefined} */
    this.current = undefined;
    if (this.shots) mkdirSync(this.shots, { recursive: true });
  }

  /** The tab the holder is looking at. */
  get page() {
    if (!this.current) throw new Error('No portal page is open yet.');
    return this.current;
  }

  /** Opens the portal's home page in the first tab. */
  async openHome() {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.current = page;
    await page.goto(`${this.origin}/`);
    return page;
  }

  /** Opens a portal address (path on the portal's www host, or a whole URL). @param {string} url */
  async open(url) {
    await this.page.goto(url.startsWith('/') ? `${this.origin}${url}` : url);
  }

  /** Reloads the tab (a holder coming back to the page later). */
  async reload() {
    await this.page.reload();
  }

  /**
   * What the guide shows now: the panel's step and annotation state, and the control it
   * highlights (in whichever frame holds it), with the text of the row around it.
   * @returns {Promise<GuideView>}
   */
  async guideNow() {
    const page = this.page;
    const panel = await page.evaluate(([tag]) => {
      const el = document.querySelector(/** @type {string} */ (tag));
      return el ? { step: el.getAttribute('data-step'), annotationState: el.getAttribute('data-annotation-state') } : null;
    }, [PANEL]).catch(() => null);
    /** @type {GuideView['target']} */
    let target = null;
    for (const frame of page.frames()) {
      const found = await frame.evaluate(([attr]) => {
        const el = document.querySelector(`[${attr}]`);
        if (!el) return null;
        const text = el instanceof HTMLInputElement ? el.value : (el.textContent ?? '');
        const row = el.closest('tr, li, .cert, .card, .row') ?? el.parentElement;
        return { text, context: row?.textContent ?? '' };
      }, [TARGET_ATTRIBUTE]).catch(() => null);
      if (found) {
        target = { text: labelOf(found.text), context: found.context.replace(/\s+/g, ' ').trim(), frameUrl: frame.url() };
        break;
      }
    }
    return { step: panel?.step ?? null, annotationState: panel?.annotationState ?? null, target };
  }

  /** The words the panel shows (inside its closed shadow root, standin/panel.mjs; its styles left out). */
  async panelText() {
    return panelText(this.page);
  }

  /**
   * Waits until the guide shows the expected step (and state, and target: its label, or
   * null for none), and gives what it shows. Fails with what it saw instead.
   * @param {{ step: string, annotationState?: string, target?: string | null }} want
   * @returns {Promise<GuideView>}
   */
  async guide(want) {
    const deadline = Date.now() + this.timeoutMs;
    /** @type {GuideView} */
    let seen = { step: null, annotationState: null, target: null };
    for (;;) {
      seen = await this.guideNow();
      const stepOk = seen.step === want.step;
      const stateOk = want.annotationState === undefined || seen.annotationState === want.annotationState;
      const targetOk = want.target === undefined || (want.target === null ? seen.target === null : seen.target?.text === labelOf(want.target));
      if (stepOk && stateOk && targetOk) return seen;
      if (Date.now() > deadline) {
        throw new Error(`The guide did not show ${JSON.stringify(want)} on ${this.page.url()}; it showed ${JSON.stringify(seen)}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Clicks what the holder clicks and waits for the page it leads to (a new tab when the
   * link opens one: the holder then carries on there).
   * @param {import('playwright-core').Locator} control
   */
  async follow(control) {
    const opensTab = (await control.getAttribute('target').catch(() => null)) === '_blank';
    if (opensTab) {
      const [tab] = await Promise.all([this.context.waitForEvent('page'), control.click()]);
      await tab.waitForLoadState('load');
      this.current = tab;
      return;
    }
    const page = this.page;
    await Promise.all([page.waitForEvent('load'), control.click()]);
  }

  /** Clicks the control the guide highlights. */
  async followGuide() {
    for (const frame of this.page.frames()) {
      const control = frame.locator(`[${TARGET_ATTRIBUTE}]`).first();
      if (await control.count()) return this.follow(control);
    }
    throw new Error(`The guide highlights nothing on ${this.page.url()}`);
  }

  /**
   * Clicks a control by its visible label (a button, a link, an input button).
   * @param {string} label
   */
  async clickLabelled(label) {
    const page = this.page;
    const byRole = page.getByRole('button', { name: label, exact: true }).or(page.getByRole('link', { name: label, exact: true }));
    return this.follow(byRole.first());
  }

  /** Logs in as a holder does: any name, password and captcha (the stand-in accepts all). */
  async logIn(name = 'holder') {
    const page = this.page;
    const form = page.locator('form').first();
    await form.locator('input[type=text], input:not([type])').first().fill(name);
    await form.locator('input[type=password]').fill('any-password');
    await form.locator('input[type=text], input:not([type])').nth(1).fill('1234');
    await this.follow(form.locator('input[type=submit], button[type=submit]').first());
  }

  /** Answers the guide's question "remember what the portal shows?" with yes. */
  async giveConsent() {
    await panelClick(this.page, CONSENT_BUTTON);
  }

  /** Chooses the 加注有效期 on the application form. @param {number} days */
  async chooseValidity(days) {
    const select = this.page.locator('select').filter({ hasText: '天' }).first();
    await select.selectOption({ label: `${days}天` });
  }

  /** Saves a screenshot of the tab (or of another page) as NN-name.png. @param {string} name @param {Page} [page] */
  async screenshot(name, page = this.page) {
    if (!this.shots) return undefined;
    this.shotCount += 1;
    const path = join(this.shots, `${String(this.shotCount).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path });
    return path;
  }

  // ---- what the extension keeps and shows ----

  /** The browser's UI language as the extension sees it (chrome.i18n.getUILanguage()). */
  async uiLanguage() {
    return this.worker.evaluate(() => chrome.i18n.getUILanguage());
  }

  /**
   * Makes the extension speak `locale`: nothing to do when the browser's UI language
   * already gives it; otherwise the holder's own choice in the settings (语言 → 中文), sent
   * from an extension page as the options page does. Debian's Chromium without the
   * chromium-l10n package reports en-US whatever --lang says.
   * @param {'zh_CN' | 'en'} locale
   * @returns {Promise<'browser' | 'setting'>} how it was done
   */
  async speak(locale) {
    const ui = await this.uiLanguage();
    const follows = locale === 'en' ? /^en\b/i.test(ui) : !/^en\b/i.test(ui);
    if (follows) return 'browser';
    const page = await this.context.newPage();
    try {
      await page.goto(`chrome-extension://${this.extensionId}/options.html`);
      const answer = await page.evaluate((language) => chrome.runtime.sendMessage({ type: 'settings/update', patch: { language } }), locale);
      if (!answer?.ok) throw new Error(`The extension did not take the language setting: ${JSON.stringify(answer)}`);
    } finally {
      await page.close();
    }
    return 'setting';
  }

  /** Everything in the extension's IndexedDB, read in its service worker. @returns {Promise<Records>} */
  async records() {
    return this.worker.evaluate(async () => {
      const empty = { certificates: [], annotations: [], settings: [], reminderLog: [] };
      // Never create the database here: opening one that does not exist yet would make it
      // at version 1 and skip the extension's own first migration.
      if (!(await indexedDB.databases()).some((d) => d.name === 'cpta-assistant')) return empty;
      /** @type {IDBDatabase} */
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open('cpta-assistant');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      try {
        const all = (/** @type {string} */ store) => new Promise((ok, fail) => {
          if (!db.objectStoreNames.contains(store)) return ok([]);
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
          return undefined;
        });
        return { certificates: await all('certificates'), annotations: await all('annotations'), settings: await all('settings'), reminderLog: await all('reminderLog') };
      } finally {
        db.close();
      }
    });
  }

  /**
   * Waits until the stored records satisfy `check` (the extension answers a page through
   * its background; navigating before it has could lose the message).
   * @param {(r: Records) => boolean} check @param {string} what
   */
  async waitForRecords(check, what) {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const records = await this.records();
      if (check(records)) return records;
      if (Date.now() > deadline) throw new Error(`The extension did not store ${what}; it holds ${JSON.stringify(records)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The notifications the extension shows now, by id. @returns {Promise<string[]>} */
  async notifications() {
    return this.worker.evaluate(() => new Promise((ok) => chrome.notifications.getAll((/** @type {Record<string, boolean>} */ all) => ok(Object.keys(all)))));
  }

  /** The kinds of the notifications shown (ready, expiring, expired, quota). */
  async notificationKinds() {
    return (await this.notifications()).map((id) => id.split('|')[1] ?? id);
  }

  /** Waits for a notification of a kind. @param {string} kind */
  async waitForNotification(kind) {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const kinds = await this.notificationKinds();
      if (kinds.includes(kind)) return kinds;
      if (Date.now() > deadline) throw new Error(`No "${kind}" notification; shown: ${JSON.stringify(kinds)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The toolbar badge's text and tooltip. */
  async badge() {
    return this.worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
  }

  // ---- time ----

  /** The stand-in the walk runs on. */
  get standin() {
    if (!this.optionalStandin) throw new Error('Moving time needs the stand-in portal.');
    return this.optionalStandin;
  }

  /**
   * Moves time: the stand-in's clock and the extension's notion of now (its service
   * worker's `Date`) to the same instant, then lets the reminders' alarm fire, as it
   * would when that moment came.
   * @param {number} instant
   */
  async setTime(instant) {
    this.standin.clock.set(instant);
    await this.followStandinClock();
  }

  /**
   * Brings the extension's notion of now to the stand-in's clock (after the stand-in's was
   * moved, by setTime or by its control page) and fires the reminders' alarm. Extension
   * pages opened from then on (the popup from the toolbar) get the same clock.
   */
  async followStandinClock() {
    this.offset = this.standin.clock.now() - Date.now();
    await this.worker.evaluate(shiftClockInRealm, this.offset);
    await this.context.addInitScript(`if (location.protocol === 'chrome-extension:') (${shiftClockInRealm.toString()})(${this.offset});`);
    await this.fireReminderAlarm();
  }

  /** @param {number} ms */
  async advance(ms) {
    await this.setTime(this.standin.clock.now() + ms);
  }

  /** The instant both clocks show. */
  now() {
    return this.standin.clock.now();
  }

  /**
   * Fires the reminders' alarm now (Chrome runs alarms on its real clock, which the
   * walk does not move). Waits until it has fired.
   */
  async fireReminderAlarm() {
    await this.worker.evaluate(async (name) => {
      const real = /** @type {any} */ (globalThis).__standinRealDate ?? Date;
      const fired = new Promise((ok) => {
        const listener = (/** @type {{ name: string }} */ alarm) => {
          if (alarm.name !== name) return;
          chrome.alarms.onAlarm.removeListener(listener);
          ok(undefined);
        };
        chrome.alarms.onAlarm.addListener(listener);
      });
      await chrome.alarms.create(name, { when: real.now() + 50 });
      await fired;
    }, this.reminderAlarm);
  }

  // ---- the toolbar popup ----

  /** Opens the toolbar popup (popup.html) in a tab of its own, on the moved clock (see followStandinClock). */
  async openPopup() {
    const popup = await this.context.newPage();
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.goto(`chrome-extension://${this.extensionId}/popup.html`);
    return popup;
  }
}
