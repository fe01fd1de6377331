import type { Browser } from 'wxt/browser';
import type { ExtensionBrowser } from './start';
import { Message } from '../messages';
import { isTrustedSender } from './sender';

/** Messages from the guide, popup and options: parsed, checked, then handled. */
export function registerMessageRouter(browser: ExtensionBrowser): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isTrustedSender(sender, browser.runtime.id)) return undefined;
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return undefined;
    return Promise.resolve({ ok: true });
  });
}
