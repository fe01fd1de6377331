import { render } from 'preact';
import type { browser as wxtBrowser } from 'wxt/browser';
import { openDatabase, requestPersistence } from '../storage/db';
import { loadSnapshot } from '../storage/records';
import { browserEnv } from '../ui/env';
import { OptionsApp } from './OptionsApp';

export async function mountOptions(browser: typeof wxtBrowser, root: HTMLElement): Promise<void> {
  void requestPersistence();
  const db = await openDatabase();
  const snapshot = await loadSnapshot(db);
  render(<OptionsApp env={browserEnv(browser, db)} initial={snapshot} />, root);
}
