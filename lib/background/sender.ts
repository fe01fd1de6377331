import type { Browser } from 'wxt/browser';

/** Only this extension's own pages and content scripts may talk to the background. */
export function isTrustedSender(sender: Browser.runtime.MessageSender, ownId: string): boolean {
  return sender.id === ownId;
}
