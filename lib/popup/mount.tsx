// Reads everything once, then renders: the first frame already holds the content (no
// spinner on ordinary data).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { checkSnapshot } from '../storage/records';
import { browserEnv } from '../ui/env';
import { readPopupRecords, type EarlyRead } from './early-read';
import { PopupApp } from './PopupApp';

/** `records`: the read entrypoints/popup/main.tsx started before this code was loaded. */
export async function mountPopup(root: HTMLElement, records: Promise<EarlyRead> = readPopupRecords()): Promise<void> {
  const { db, raw } = await records;
  render(<PopupApp env={browserEnv(browser, db)} initial={checkSnapshot(raw)} />, root);
}
