// @vitest-environment happy-dom
// The popup's entry: one read of the real database, then one render that already holds every
// stored certificate; the browser is asked to keep the records only once they are shown.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cleanup } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DB_NAME, openDatabase } from '../../../lib/storage/db';
import { putRecords } from '../../../lib/storage/records';
import { mountPopup } from '../../../lib/popup/mount';
import { prepareOrder } from '../../../lib/popup/view';
import { ann, cert } from './fixtures';

beforeEach(async () => {
  // What browserEnv() reads when it is built; the rest of the fake browser is not needed here.
  fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'test', version: '0.0.0' });
  const db = await openDatabase();
  await putRecords(db, [cert('A-1'), cert('B-2', { qualification: '一级建造师' })], [ann('a', 'A-1', 10)]);
  db.close();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  await deleteDB(DB_NAME);
});

test('renders every stored certificate in one go, then asks the browser to keep the records', async () => {
  const root = document.createElement('div');
  document.body.append(root);
  const cardsWhenAsked: number[] = [];
  const persist = vi.fn(async () => {
    cardsWhenAsked.push(root.querySelectorAll('[data-testid="certificate"]').length);
    return true;
  });
  vi.stubGlobal('navigator', { ...navigator, storage: { persist } });
  await mountPopup(root);
  const numbers = [...root.querySelectorAll('[data-testid="certificate-number"]')].map((n) => n.textContent);
  expect(numbers.sort()).toEqual(['A-1', 'B-2']);
  expect(persist).toHaveBeenCalledOnce();
  expect(cardsWhenAsked).toEqual([2]);
});

test('a record that is not as our writes store it is left to zod, which the list loads only then: the rest shown, the damaged one counted', async () => {
  const db = await openDatabase();
  // Straight into the store, past the checks of a write: one untrimmed (zod trims it and keeps it), one impossible.
  await db.put('certificates', { ...cert('C-3'), qualification: ' 注册测绘师 ' });
  await db.put('certificates', { ...cert('D-4'), createdAt: -1 });
  db.close();
  const root = document.createElement('div');
  document.body.append(root);
  await mountPopup(root);
  const numbers = [...root.querySelectorAll('[data-testid="certificate-number"]')].map((n) => n.textContent);
  expect(numbers.sort()).toEqual(['A-1', 'B-2', 'C-3']);
  expect(root.querySelector('[data-certificate-number="C-3"]')!.textContent).toContain('注册测绘师');
  expect(root.textContent).toContain('1 条记录已损坏');
});

test('the collator made ahead of the sort is the one the list is ordered with', () => {
  const made = prepareOrder();
  expect(prepareOrder()).toBe(made);
  expect(made.resolvedOptions().locale).toBe(new Intl.Collator().resolvedOptions().locale);
});
