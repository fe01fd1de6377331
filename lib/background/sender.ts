import type { Browser } from 'wxt/browser';
import { isPortalOrigin } from '../portal/hosts';

/**
 * Only this extension's own pages and content scripts may talk to the background: the
 * sender must carry this extension's id, and where the browser says which page sent it,
 * that page is one of the extension's own (`ownOrigin`, as runtime.getURL gives it; in
 * Firefox its host is not the id) or a portal page, the only place the content script runs.
 */
export function isTrustedSender(sender: Browser.runtime.MessageSender, ownId: string, ownOrigin?: string): boolean {
  if (!ownId || sender.id !== ownId) return false;
  if (sender.url === undefined) return true;
  const origin = originOf(sender.url);
  if (origin === undefined) return false;
  if (ownOrigin !== undefined && origin === originOf(ownOrigin)) return true;
  if (origin === `chrome-extension://${ownId}`) return true;
  return isPortalOrigin(origin);
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
