import type { Browser } from 'wxt/browser';
import type { ExtensionBrowser } from './start';
import { Message, type MessageOf } from '../messages';
import { isTrustedSender, originOf } from './sender';
import { openDatabase, type Database } from '../storage/db';
import { annotationsOf, getSettings, updateSettings } from '../storage/records';
import { currentAnnotation, DEFAULT_SCENARIO, effectiveState, readyBy } from '../model/annotation';
import { syncReminders } from '../reminders/sync';
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

function ownOrigin(browser: ExtensionBrowser): string | undefined {
  try {
    return originOf(browser.runtime.getURL('/'));
  } catch {
    return undefined;
  }
}

/** Messages from the guide, popup and options: parsed, checked, then handled. */
export function registerMessageRouter(browser: ExtensionBrowser): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isTrustedSender(sender, browser.runtime.id, ownOrigin(browser))) return undefined;
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return undefined;
    return handleMessage(browser, parsed.data, sender, Date.now()).catch(() => ({ ok: false, reason: 'error' }) satisfies RecordResult);
  });
  // A closed tab's memory (which certificate, a pending submission) goes with it.
  browser.tabs.onRemoved.addListener((tabId: number) => {
    void forgetTab(browser, tabId).catch(() => undefined);
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

/**
 * Handles one validated message. Recording what the portal showed needs the holder's
 * consent (rememberPages === true), checked here whatever the page script believed.
 */
export async function handleMessage(
  browser: ExtensionBrowser,
  message: Message,
  sender: Browser.runtime.MessageSender,
  now: number,
): Promise<unknown> {
  const tabId = sender.tab?.id;
  switch (message.type) {
    case 'portal/certificates-seen':
      return withDatabase(async (db): Promise<RecordResult> => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
        const result = await recordCertificatesSeen(db, message.certificates, now);
        if (result.changed) await syncReminders(browser, now);
        return { ok: true, certificates: { saved: result.saved, added: result.added } };
      });

    case 'portal/annotation-seen':
      return withDatabase(async (db): Promise<RecordResult> => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
        const memory = await readTabMemory(browser, tabId, now);
        const number = message.reading.certificateNumber ?? memory.certificateNumber;
        if (!number) return { ok: false, reason: 'no-certificate' };
        if (message.reading.certificateNumber && message.reading.certificateNumber !== memory.certificateNumber) {
          await writeTabMemory(browser, tabId, { ...memory, certificateNumber: number, certificateAt: now });
        }
        const plan = await recordAnnotationSeen(db, number, message.reading, now);
        if (plan.change === 'created' || plan.change === 'updated') await syncReminders(browser, now);
        return annotationResult(plan);
      });

    case 'portal/annotation-applied':
      return withDatabase(async (db): Promise<RecordResult> => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
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
        if (plan.change === 'created' || plan.change === 'updated') await syncReminders(browser, now);
        return annotationResult(plan);
      });

    case 'guide/annotation-last-day':
      return withDatabase(async (db): Promise<RecordResult> => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
        const plan = await recordLastDayGiven(db, message.certificateNumber, message.validUntil, now);
        if (plan.change === 'created' || plan.change === 'updated') await syncReminders(browser, now);
        return annotationResult(plan);
      });

    case 'guide/certificate-chosen':
      return withDatabase(async (db) => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
        const memory = await readTabMemory(browser, tabId, now);
        await writeTabMemory(browser, tabId, { ...memory, certificateNumber: message.certificateNumber, certificateAt: now });
        return { ok: true };
      });

    case 'guide/apply-submitted':
      return withDatabase(async (db) => {
        if ((await getSettings(db)).rememberPages !== true) return { ok: false, reason: 'no-consent' };
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
      });

    case 'guide/context':
      return withDatabase((db) => guideContext(browser, db, message, tabId, now));

    case 'settings/update':
      return withDatabase(async (db) => {
        const settings = await updateSettings(db, message.patch);
        await syncReminders(browser, now);
        return { ok: true, settings };
      });

    case 'data/changed':
      await syncReminders(browser, now);
      return { ok: true };
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
  const memory = await readTabMemory(browser, tabId, now);
  const number = message.certificateNumber ?? memory.pendingApply?.certificateNumber ?? memory.certificateNumber;
  const context: GuideContext = {
    rememberPages: settings.rememberPages,
    panelCollapsed: settings.panelCollapsed,
    language: settings.language,
    remindersEnabled: settings.remindersEnabled,
  };
  if (number) {
    context.certificateNumber = number;
    const annotations = await annotationsOf(db, number);
    context.quota = quotaView(annotations, number, now);
    const current = currentAnnotation(annotations, number);
    if (current?.state === 'generating') context.readyBy = readyBy(current);
    if (current && settings.rememberPages === true) {
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
