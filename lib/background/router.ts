import type { Browser } from 'wxt/browser';
import type { ExtensionBrowser } from './browser';
import { Message, type Done, type Failed, type MessageOf, type MessageType, type Replies } from '../messages';
import { isReading, mayAsk, originOf, senderKind, type SenderKind } from './sender';
import { READINGS_PER_TAB, SYNCS_PER_TAB, tokenBucket, type RateLimiter } from './rate';
import { SOON_ALARM } from './reminders/alarms';
import { openDatabase, type Database } from '../storage/db';
import { annotationsOf, getSettings, updateSettings } from '../storage/records';
import { currentAnnotation, DEFAULT_SCENARIO, effectiveState, readyBy } from '../model/annotation';
import { syncReminders } from './reminders/sync';
import type { AnnotationStored, GuideContext, RecordResult } from '../guide/protocol';
import { STRING_TABLES } from '../guide/tables';
import {
  forgetTab,
  quotaView,
  readTabMemory,
  recordAnnotationApplied,
  recordAnnotationSeen,
  recordCertificatesSeen,
  recordLastDayGiven,
  writeTabMemory,
  type AnnotationPlan,
} from './portal-records';
import { forgetTabStep, seeTabStep } from './tab-step';
import { devLog } from '../log';
import { sendTestNotification } from './install';

function ownOrigin(browser: ExtensionBrowser): string | undefined {
  try {
    return originOf(browser.runtime.getURL('/'));
  } catch {
    return undefined;
  }
}

/** Who asked, and the per-tab limits its readings are held to. */
export interface Asker {
  from: SenderKind;
  /** Re-plans reminders after a change; for a tab's readings, at most one sync a minute (the rest later). */
  sync(now: number): Promise<unknown>;
}

/** Messages from the guide, popup and options: parsed, checked per sender, then handled. */
export function registerMessageRouter(browser: ExtensionBrowser): void {
  const readings: RateLimiter = tokenBucket(READINGS_PER_TAB.capacity, READINGS_PER_TAB.refillMs);
  const syncs: RateLimiter = tokenBucket(SYNCS_PER_TAB.capacity, SYNCS_PER_TAB.refillMs);
  // The promise a listener returns is its answer (webextension-polyfill's onMessage).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    // Refused messages get no answer; a development build says why.
    const from = senderKind(sender, browser.runtime.id, ownOrigin(browser));
    if (!from) return devLog('router', 'refused: not this extension nor a portal tab', sender.url);
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return devLog('router', 'refused: not a valid message', parsed.error.issues);
    if (!mayAsk(from, parsed.data)) return devLog('router', `refused: a ${from} sender may not send ${parsed.data.type}`);
    const now = Date.now();
    const tabId = sender.tab?.id;
    if (from === 'portal' && isReading(parsed.data) && !readings.take(tabId ?? -1, now)) return devLog('router', `refused: tab ${tabId} reads too often`);
    const asker: Asker = {
      from,
      sync: async (at) => {
        if (from !== 'portal' || syncs.take(tabId ?? -1, at)) return syncReminders(browser, at);
        // Held back: the alarm re-plans (and shows what is due) a minute later.
        if (!(await browser.alarms.get(SOON_ALARM))) await browser.alarms.create(SOON_ALARM, { when: at + SYNCS_PER_TAB.refillMs });
        return undefined;
      },
    };
    return handleMessage(browser, parsed.data, sender, now, asker).catch((error): Failed => {
      devLog('router', `${parsed.data.type} failed`, error);
      return { ok: false, reason: 'error' };
    });
  });
  // A closed tab's memory (which certificate, a pending submission) goes with it.
  browser.tabs.onRemoved.addListener((tabId: number) => {
    void forgetTab(browser, tabId).catch((error) => devLog('router', 'forgetting a closed tab failed', error));
    void forgetTabStep(browser, tabId).catch((error) => devLog('router', 'forgetting a closed tab failed', error));
  });
}

/** One database connection per event: nothing is kept in the worker's globals. */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

function annotationResult(plan: AnnotationPlan): RecordResult {
  if (plan.change === 'skipped') return { ok: false, reason: plan.reason };
  // With [下载] beside 证书生成中 the record of interest is the valid one, not the new application.
  const record = plan.change !== 'conflict' && plan.also?.state === 'valid' ? plan.also : plan.record;
  const annotation: AnnotationStored = { change: plan.change, state: record?.state ?? 'none' };
  if (record) {
    annotation.validUntil = record.validUntil.date;
    annotation.lastDay = record.validUntil.source;
  }
  if (plan.change === 'conflict') annotation.pageUntil = plan.pageUntil;
  return { ok: true, annotation };
}

/** What a handler gets besides its message. */
interface Request {
  browser: ExtensionBrowser;
  sender: Browser.runtime.MessageSender;
  tabId: number | undefined;
  now: number;
  asker: Asker;
}

type Handler<T extends MessageType> = (message: MessageOf<T>, r: Request) => Promise<Replies[T]>;

/** Whether the holder said yes to remembering what the portal shows (lib/guide: the consent question). */
async function consented(db: Database): Promise<boolean> {
  return (await getSettings(db)).rememberPages === true;
}

/**
 * One handler per message type, and no type without one: the map is typed by
 * lib/messages.ts `Replies`, so a missing handler or a wrong answer does not compile.
 * Recording what the portal showed needs the holder's consent (rememberPages === true),
 * checked here whatever the page script believed.
 */
const HANDLERS: { [T in MessageType]: Handler<T> } = {
  'portal/certificates-seen': (message, { now, asker }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const result = await recordCertificatesSeen(db, message.certificates, now);
      if (result.changed) await asker.sync(now);
      return { ok: true, certificates: { saved: result.saved, added: result.added } };
    }),

  'portal/annotation-seen': (message, { browser, tabId, now, asker }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const memory = await readTabMemory(browser, tabId, now);
      const number = message.reading.certificateNumber ?? memory.certificateNumber;
      if (!number) return { ok: false, reason: 'no-certificate' };
      if (message.reading.certificateNumber && message.reading.certificateNumber !== memory.certificateNumber) {
        await writeTabMemory(browser, tabId, { ...memory, certificateNumber: number, certificateAt: now });
      }
      const plan = await recordAnnotationSeen(db, number, message.reading, now);
      if (plan.change === 'created' || plan.change === 'updated') await asker.sync(now);
      return annotationResult(plan);
    }),

  'portal/annotation-applied': (message, { browser, tabId, now, asker }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const memory = await readTabMemory(browser, tabId, now);
      const pending = memory.pendingApply;
      const number = message.certificateNumber ?? pending?.certificateNumber ?? memory.certificateNumber;
      if (!number) return { ok: false, reason: 'no-certificate' };
      // The moment of the click is the application time; the confirmation comes later.
      const appliedAt = pending?.at ?? now;
      const plan = await recordAnnotationApplied(
        db,
        { certificateNumber: number, validityDays: message.validityDays, scenario: message.scenario },
        appliedAt,
        now,
      );
      await writeTabMemory(browser, tabId, { ...memory, pendingApply: undefined, certificateNumber: number, certificateAt: now });
      if (plan.change === 'created' || plan.change === 'updated') await asker.sync(now);
      return annotationResult(plan);
    }),

  'guide/annotation-last-day': (message, { browser, now }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const plan = await recordLastDayGiven(db, message.certificateNumber, message.validUntil, now);
      if (plan.change === 'created' || plan.change === 'updated') await syncReminders(browser, now);
      return annotationResult(plan);
    }),

  'guide/certificate-chosen': (message, { browser, tabId, now }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const memory = await readTabMemory(browser, tabId, now);
      await writeTabMemory(browser, tabId, { ...memory, certificateNumber: message.certificateNumber, certificateAt: now });
      return { ok: true };
    }),

  'guide/apply-submitted': (message, { browser, tabId, now }) =>
    withDatabase(async (db) => {
      if (!(await consented(db))) return { ok: false, reason: 'no-consent' };
      const memory = await readTabMemory(browser, tabId, now);
      const certificateNumber = message.certificateNumber ?? memory.certificateNumber;
      await writeTabMemory(browser, tabId, {
        ...memory,
        pendingApply: {
          at: now,
          validityDays: message.validityDays,
          scenario: message.scenario ?? DEFAULT_SCENARIO,
          certificateNumber,
        },
      });
      return { ok: true };
    }),

  'guide/context': (message, { browser, tabId, now }) => withDatabase((db) => guideContext(browser, db, message, tabId, now)),

  'guide/step-seen': (message, { browser, tabId }) => seeTabStep(browser, tabId, message.step),

  'settings/update': (message, { browser, now, asker }) =>
    withDatabase(async (db) => {
      if (asker.from === 'portal') {
        // From the panel: whether it is folded, and the answer to the consent question
        // while that question is open; every other setting is Settings' alone.
        if ('rememberPages' in message.patch && (await getSettings(db)).rememberPages !== null) return { ok: false, reason: 'not-allowed' };
        await updateSettings(db, message.patch);
        return { ok: true };
      }
      const settings = await updateSettings(db, message.patch);
      await syncReminders(browser, now);
      return { ok: true, settings };
    }),

  'data/changed': async (_message, { browser, now }) => {
    await syncReminders(browser, now);
    return { ok: true };
  },

  'reminders/test-notification': (_message, { browser, now }) => sendTestNotification(browser, now),

  // Named by the browser's frameId, which no page script can choose, and given only to
  // the tab's top frame.
  'guide/frame-report': ({ type: _type, ...rest }, r) => relayToTop(r, { ...rest, type: 'guide/from-frame', kind: 'report' }),
  'guide/frame-note': ({ type: _type, ...rest }, r) => relayToTop(r, { ...rest, type: 'guide/from-frame', kind: 'note' }),
  'guide/frame-bye': ({ type: _type, ...rest }, r) => relayToTop(r, { ...rest, type: 'guide/from-frame', kind: 'bye' }),

  'guide/to-frames': async ({ type: _type, frameId, ...rest }, { browser, tabId, sender }) => {
    // Only the top frame's guide speaks to the frames below it.
    if (tabId === undefined || sender.frameId !== 0) return { ok: false };
    await relay(browser, tabId, { ...rest, type: 'guide/to-frame' }, frameId);
    return { ok: true };
  },
};

/**
 * What the background passes on between the frames of a tab: the sender's message with a
 * new type (and, to the top, the sender's frameId). The guide reads it as untrusted
 * (lib/guide/frames.ts `FromFrame`, `ToFrame`).
 */
type Relayed = { type: 'guide/from-frame' | 'guide/to-frame' } & Record<string, unknown>;

async function relayToTop({ browser, tabId, sender }: Request, message: Relayed): Promise<Done | { ok: false }> {
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined || frameId === 0) return { ok: false };
  await relay(browser, tabId, { ...message, frameId }, 0);
  return { ok: true };
}

/** The handler of a message's type (a map indexed by its own key keeps the two in step). */
function handlerOf<T extends MessageType>(type: T): Handler<T> {
  return HANDLERS[type];
}

/** Handles one validated message; its answer is typed by the message's type. */
export function handleMessage<T extends MessageType>(
  browser: ExtensionBrowser,
  message: MessageOf<T>,
  sender: Browser.runtime.MessageSender,
  now: number,
  asker: Asker = { from: 'extension', sync: (at) => syncReminders(browser, at) },
): Promise<Replies[T]> {
  const type: T = message.type;
  return handlerOf(type)(message, { browser, sender, tabId: sender.tab?.id, now, asker });
}

/** Passes a message to one frame of a tab (or all, without a frameId); a frame gone is no error. */
async function relay(browser: ExtensionBrowser, tabId: number, message: Relayed, frameId?: number): Promise<void> {
  try {
    await (frameId === undefined ? browser.tabs.sendMessage(tabId, message) : browser.tabs.sendMessage(tabId, message, { frameId }));
  } catch {
    // No guide listening there (yet): it asks again when it starts.
  }
}

async function guideContext(
  browser: ExtensionBrowser,
  db: Database,
  message: MessageOf<'guide/context'>,
  tabId: number | undefined,
  now: number,
): Promise<GuideContext> {
  const settings = await getSettings(db);
  const context: GuideContext = {
    rememberPages: settings.rememberPages,
    panelCollapsed: settings.panelCollapsed,
    language: settings.language,
  };
  // Before the holder said yes, nothing about stored records: the answer lands in a page
  // whose scripts may be hostile, and a certificate number alone must not open the records.
  const consent = settings.rememberPages === true;
  // Whether reminders are on matters only to a promise made with consent (lib/guide/model.ts).
  if (consent) context.remindersEnabled = settings.remindersEnabled;
  const memory = consent ? await readTabMemory(browser, tabId, now) : {};
  const number = consent ? (message.certificateNumber ?? memory.pendingApply?.certificateNumber ?? memory.certificateNumber) : undefined;
  if (number) {
    context.certificateNumber = number;
    const annotations = await annotationsOf(db, number);
    context.quota = quotaView(annotations, number, now);
    const current = currentAnnotation(annotations, number);
    if (current?.state === 'generating') context.readyBy = readyBy(current);
    if (current) {
      context.annotation = { state: effectiveState(current, now), validUntil: current.validUntil.date, lastDay: current.validUntil.source };
    }
    const state = current ? effectiveState(current, now) : undefined;
    if (state === 'generating') context.current = { state };
    else if (current && state === 'valid') context.current = { state, validUntil: current.validUntil.date };
  }
  if (memory.pendingApply) context.pendingApply = memory.pendingApply;
  // The panel reads _locales, which follow the browser UI; a language it cannot get there
  // (chosen in settings, or the page's own when it differs) comes with the answer.
  const wanted = settings.language !== 'auto' ? settings.language : message.locale;
  if (wanted && wanted !== message.haveLocale) context.strings = { locale: wanted, ...STRING_TABLES[wanted] };
  return context;
}
