import type { Browser } from 'wxt/browser';
import { isPortalOrigin } from '../portal/hosts';
import type { Message, MessageOf } from '../messages';

/**
 * Who is asking. Only this extension's own pages and content scripts may talk to the
 * background at all: the sender must carry this extension's id and name the page that
 * sent it. `extension`: one of the extension's own pages (`ownOrigin`, as runtime.getURL
 * gives it; in Firefox its host is not the id). `portal`: the content script in a portal
 * page, whose renderer it shares with that page and its scripts, so it may ask only what
 * PORTAL_MAY lists.
 */
export type SenderKind = 'extension' | 'portal';

export function senderKind(sender: Browser.runtime.MessageSender, ownId: string, ownOrigin?: string): SenderKind | null {
  if (!ownId || sender.id !== ownId || sender.url === undefined) return null;
  const origin = originOf(sender.url);
  if (origin === undefined) return null;
  if ((ownOrigin !== undefined && origin === originOf(ownOrigin)) || origin === `chrome-extension://${ownId}`) return 'extension';
  if (isPortalOrigin(origin) && sender.tab?.id !== undefined) return 'portal';
  return null;
}

/** True for any sender that may ask something (kept for callers that only need that). */
export function isTrustedSender(sender: Browser.runtime.MessageSender, ownId: string, ownOrigin?: string): boolean {
  return senderKind(sender, ownId, ownOrigin) !== null;
}

interface PortalRule<T extends Message['type']> {
  /** A reading of the page: rate-limited per tab, and it may cause a reminder sync. */
  reading?: true;
  /** A further check of the message itself. */
  allow?(message: MessageOf<T>): boolean;
}

const ANY = {};
const READING = { reading: true } as const;
const PANEL_PREFERENCES = new Set(['panelCollapsed', 'rememberPages']);

/**
 * What a portal content script may ask, one line per message type; a type absent here is
 * for the extension's own pages only (EXTENSION_ONLY). rememberPages is held further, in
 * the router, to the consent question still open (it is the answer to it).
 */
export const PORTAL_MAY: { readonly [T in Message['type']]?: PortalRule<T> } = {
  'portal/certificates-seen': READING,
  'portal/annotation-seen': READING,
  'portal/annotation-applied': READING,
  // The holder's answer in the panel: sent only after their own (trusted) click.
  'guide/annotation-last-day': READING,
  'guide/certificate-chosen': ANY,
  'guide/apply-submitted': ANY,
  'guide/context': ANY,
  // The tab's last step of the flow, so that an unknown page inside it offers the page report.
  'guide/step-seen': ANY,
  'guide/frame-report': ANY,
  'guide/frame-note': ANY,
  'guide/frame-bye': ANY,
  'guide/to-frames': ANY,
  'settings/update': { allow: (m) => Object.keys(m.patch).every((key) => PANEL_PREFERENCES.has(key)) },
};

/**
 * Asked only by the extension's own pages: every setting but the panel's two, a change of
 * stored records, and a test notification (the welcome page's button: a portal page must
 * not make the browser show something in the extension's name).
 */
export const EXTENSION_ONLY: readonly Message['type'][] = ['data/changed', 'reminders/test-notification'];

/** Whether a sender of this kind may send this message. */
export function mayAsk(kind: SenderKind, message: Message): boolean {
  if (kind === 'extension') return true;
  if (EXTENSION_ONLY.includes(message.type)) return false;
  const rule = PORTAL_MAY[message.type] as PortalRule<Message['type']> | undefined;
  return !!rule && (rule.allow?.(message) ?? true);
}

/** Whether a portal message is a reading of the page (rate-limited per tab). */
export function isReading(message: Message): boolean {
  return PORTAL_MAY[message.type]?.reading === true;
}

/** scheme://host of a URL (URL.origin is "null" for extension schemes in some engines). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}
