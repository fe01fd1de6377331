// Reads everything once, then renders: the first frame already holds the content (no
// spinner on ordinary data).
import { render } from 'preact';
import type { browser as wxtBrowser } from 'wxt/browser';
import { openDatabase, requestPersistence } from '../storage/db';
import { loadSnapshot } from '../storage/records';
import { browserEnv } from '../ui/env';
import { PopupApp } from './PopupApp';

export async function mountPopup(browser: typeof wxtBrowser, root: HTMLElement): Promise<void> {
  void requestPersistence();
  const db = await openDatabase();
  const snapshot = await loadSnapshot(db);
  render(<PopupApp env={browserEnv(browser, db)} initial={snapshot} />, root);
}
