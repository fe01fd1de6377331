// Notifications: their words (pure), their ids, showing them, and where a click goes.
import { isPortalHost } from '../../portal/hosts';
import type { ExtensionBrowser } from '../browser';
import { beijingDateAt, daysBetween, formatBeijingDate } from '../../dates/beijing';
import type { Annotation } from '../../model/annotation';
import type { Certificate } from '../../model/certificate';
import { quotaOn } from '../../model/quota';
import type { Locale } from '../../i18n/locale';
import { makeTranslate, type Translate } from '../../i18n/translate';
import zh_CN from '../../i18n/zh_CN/reminders.json';
import en from '../../i18n/en/reminders.json';
import { PORTAL_DOWNLOAD_ENTRY } from '../../portal/site';
import type { PlannedReminder, ReminderKind } from '../../reminders/plan';

export type ReminderKey = keyof typeof zh_CN;
const strings = { zh_CN, en } as { zh_CN: Record<ReminderKey, string>; en: Record<ReminderKey, string> };

export function reminderTranslate(locale: Locale): Translate<ReminderKey> {
  return makeTranslate(strings, locale);
}

/** Lines naming single certificates in a folded notification; the rest are counted. */
export const MAX_LINES = 3;

export interface NotificationContent {
  title: string;
  message: string;
}

export interface ContentContext {
  certificates: readonly Certificate[];
  annotations: readonly Annotation[];
  now: number;
  locale: Locale;
}

/** "社会工作者（证书编号 2023…）": the qualification and the number, or the number alone. */
export function certificateName(t: Translate<ReminderKey>, number: string, cert: Certificate | undefined): string {
  if (!cert) return t('cert_name_unknown', { number });
  const qualification = cert.level ? `${cert.level}${cert.qualification}` : cert.qualification;
  return t('cert_name', { qualification, number });
}

/** The words of one notification for reminders of one kind that came due together. */
export function notificationContent(kind: ReminderKind, reminders: readonly PlannedReminder[], ctx: ContentContext): NotificationContent {
  const t = reminderTranslate(ctx.locale);
  const certs = new Map(ctx.certificates.map((c) => [c.number, c]));
  const name = (r: PlannedReminder) => certificateName(t, r.certificateNumber, certs.get(r.certificateNumber));
  const date = (d: string | undefined) => (d ? formatBeijingDate(d, ctx.locale) : '');
  const today = beijingDateAt(ctx.now);
  const left = (r: PlannedReminder) => {
    const days = r.validUntil ? daysBetween(today, r.validUntil) : 0;
    return days <= 0 ? t('left_today') : days === 1 ? t('left_tomorrow') : t('left_days', { days });
  };
  const quota = (r: PlannedReminder, short: boolean) => {
    const q = quotaOn(ctx.annotations, r.certificateNumber, today);
    if (q.canApply) return short ? t('quota_short_can') : t('quota_can', { used: q.used });
    return t(short ? 'quota_short_full' : 'quota_full', { date: date(q.firstFreeDay ?? undefined) });
  };
  const first = reminders[0];
  if (!first) return { title: '', message: '' };

  if (reminders.length === 1) {
    switch (kind) {
      case 'ready':
        return { title: t('ready_title_one'), message: t('ready_message_one', { name: name(first) }) };
      case 'expiring':
        return { title: t('expiring_title_one'), message: t('expiring_message_one', { name: name(first), date: date(first.validUntil), left: left(first) }) };
      case 'expired':
        return { title: t('expired_title_one'), message: t('expired_message_one', { name: name(first), date: date(first.validUntil), quota: quota(first, false) }) };
      case 'quota':
        return { title: t('quota_title_one'), message: t('quota_message_one', { name: name(first), date: date(first.freeDay) }) };
    }
  }

  const line = (r: PlannedReminder): string => {
    switch (kind) {
      case 'ready':
        return t('ready_line', { name: name(r) });
      case 'expiring':
        return t('expiring_line', { name: name(r), date: date(r.validUntil), left: left(r) });
      case 'expired':
        return t('expired_line', { name: name(r), date: date(r.validUntil), quota: quota(r, true) });
      case 'quota':
        return t('quota_line', { name: name(r), date: date(r.freeDay) });
    }
  };
  // One line per certificate: several reminders of one certificate (two annotations) count once.
  const byCertificate = new Map<string, PlannedReminder>();
  for (const r of reminders) if (!byCertificate.has(r.certificateNumber)) byCertificate.set(r.certificateNumber, r);
  const distinct = [...byCertificate.values()];
  const lines = distinct.slice(0, MAX_LINES).map(line);
  if (distinct.length > MAX_LINES) lines.push(t('more_line', { count: distinct.length - MAX_LINES }));
  if (kind === 'ready') lines.push(t('ready_action_many'));
  return { title: t(`${kind}_title_many`, { count: distinct.length }), message: lines.join('\n') };
}

// --- Ids ------------------------------------------------------------------------------

const ID_PREFIX = 'cpta-reminder';

/**
 * A notification's id says which reminders it shows without keeping anything in memory:
 * the reminders of one notification are the log entries of its kind shown at the same
 * instant. The first reminder's id keeps two notifications of one instant apart.
 */
export function notificationId(kind: ReminderKind, shownAt: number, firstReminderId: string): string {
  return `${ID_PREFIX}|${kind}|${shownAt}|${firstReminderId}`;
}

export function parseNotificationId(id: string): { kind: ReminderKind; shownAt: number } | undefined {
  const [prefix, kind, shownAt] = id.split('|');
  if (prefix !== ID_PREFIX || !kind || !shownAt || !/^\d+$/.test(shownAt)) return undefined;
  if (!['ready', 'expiring', 'expired', 'quota'].includes(kind)) return undefined;
  return { kind: kind as ReminderKind, shownAt: Number(shownAt) };
}

// --- Showing --------------------------------------------------------------------------

export const ICON_PATH = '/icon/128.png';

/** Firefox shows no notification buttons (and rejects them); everything else does. */
export async function supportsNotificationButtons(browser: ExtensionBrowser): Promise<boolean> {
  const getBrowserInfo = (browser.runtime as { getBrowserInfo?: () => Promise<{ name: string }> }).getBrowserInfo;
  if (typeof getBrowserInfo !== 'function') return true;
  try {
    return (await getBrowserInfo()).name !== 'Firefox';
  } catch {
    return true;
  }
}

export async function showNotification(browser: ExtensionBrowser, id: string, content: NotificationContent, locale: Locale, withButtons: boolean): Promise<void> {
  const t = reminderTranslate(locale);
  const base = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL(ICON_PATH),
    title: content.title,
    message: content.message,
  };
  if (withButtons) {
    try {
      await browser.notifications.create(id, { ...base, buttons: [{ title: t('button_open') }, { title: t('button_tomorrow') }] });
      return;
    } catch {
      // A browser that refuses buttons still gets the notification, with the click only.
    }
  }
  await browser.notifications.create(id, base);
}

// --- Where a click goes -----------------------------------------------------------------

/** The portal's hosts (docs/PORTAL.md), without the civil-service exam subdomain. */
export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.toLowerCase().replace(/\.$/, '') !== 'gwy.cpta.com.cn' && isPortalHost(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Brings the most recently used portal tab forward, or opens the portal's download entry
 * (the home page: the only entry known for certain, see lib/portal/site.ts) in a new tab.
 * Without the `tabs` permission a tab's url is visible only for the portal's hosts, which
 * is exactly the set searched.
 */
export async function openPortal(browser: ExtensionBrowser): Promise<void> {
  const tabs = await browser.tabs.query({});
  const portal = tabs
    .filter((tab) => tab.id !== undefined && isPortalUrl(tab.url))
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (portal?.id !== undefined) {
    await browser.tabs.update(portal.id, { active: true });
    if (portal.windowId !== undefined) {
      try {
        await browser.windows.update(portal.windowId, { focused: true });
      } catch {
        // No window to focus (e.g. on Android): the tab is active, which is enough.
      }
    }
    return;
  }
  await browser.tabs.create({ url: PORTAL_DOWNLOAD_ENTRY, active: true });
}
