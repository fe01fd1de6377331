// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { openDatabase, type Database } from '../../../lib/storage/db';
import { clearAll, deleteCertificate, loadSnapshot, putRecords, updateSettings } from '../../../lib/storage/records';
import { BACKUP_MAX_BYTES, describeImportResult } from '../../../lib/storage/backup';
import { OptionsApp } from '../../../lib/options/OptionsApp';
import { parseLadder } from '../../../lib/options/ladder';
import type { PageEnv } from '../../../lib/ui/env';
import { ann, cert, NOW } from '../popup/fixtures';

const fakes = () => ({
  dataChanged: vi.fn<() => void>(),
  openPortal: vi.fn<() => void>(),
  openSettings: vi.fn<() => void>(),
  download: vi.fn<(fileName: string, mime: string, text: string) => void>(),
});
let db: Database;
let env: PageEnv & ReturnType<typeof fakes>;
let name = 0;

beforeEach(async () => {
  db = await openDatabase(`options-test-${++name}`);
  env = { db, now: () => NOW, uiLanguage: 'en-US', ...fakes() };
});
afterEach(async () => {
  cleanup();
  db.close();
  await deleteDB(`options-test-${name}`);
});

function choose(file: File) {
  const input = screen.getByLabelText('Choose a backup file (.json)') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

async function show() {
  return render(<OptionsApp env={env} initial={await loadSnapshot(db)} />);
}

describe('reminder ladder as typed', () => {
  test('commas of either width, 、 and spaces; duplicates dropped; largest first', () => {
    expect(parseLadder('7, 1')).toEqual({ ok: true, days: [7, 1] });
    expect(parseLadder('1，30、7 7')).toEqual({ ok: true, days: [30, 7, 1] });
    expect(parseLadder('')).toEqual({ ok: true, days: [] });
  });
  test('refuses what the settings cannot hold, with the reason', () => {
    expect(parseLadder('7, 0')).toEqual({ ok: false, problem: { key: 'errLadderRange', params: { part: '0', max: 89 } } });
    expect(parseLadder('90')).toEqual({ ok: false, problem: { key: 'errLadderRange', params: { part: '90', max: 89 } } });
    expect(parseLadder('7, a week')).toEqual({ ok: false, problem: { key: 'errLadderNumber', params: { part: 'a' } } });
    expect(parseLadder('1 2 3 4 5 6 7 8 9 10 11')).toEqual({ ok: false, problem: { key: 'errLadderTooMany', params: { max: 10 } } });
  });
});

describe('options page', () => {
  test('follows an English browser; every control has a label', async () => {
    await show();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    for (const control of Array.from(document.querySelectorAll('input, select, button'))) {
      const id = control.getAttribute('id');
      const labelled = (id && document.querySelector(`label[for="${id}"]`)) || control.textContent?.trim() || control.getAttribute('aria-label');
      expect(labelled, control.outerHTML).toBeTruthy();
    }
  });

  test('each setting is saved as it changes, and the background is told', async () => {
    await show();
    fireEvent.click(screen.getByLabelText('Show reminder notifications'));
    await waitFor(async () => expect((await loadSnapshot(db)).settings.remindersEnabled).toBe(false));
    fireEvent.change(screen.getByLabelText('Reminder time'), { target: { value: '18' } });
    await waitFor(async () => expect((await loadSnapshot(db)).settings.reminderHour).toBe(18));
    fireEvent.click(screen.getByLabelText('Remind me when an annotation slot frees'));
    await waitFor(async () => expect((await loadSnapshot(db)).settings.quotaReminder).toBe(false));
    fireEvent.click(screen.getByLabelText('Remember the certificates and annotations that pages of the CPTA website show'));
    await waitFor(async () => expect((await loadSnapshot(db)).settings.rememberPages).toBe(true));
    await waitFor(() => expect(env.dataChanged).toHaveBeenCalledTimes(4));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  test('the ladder checks as you type and is saved only when valid', async () => {
    await show();
    const field = screen.getByLabelText('Remind this many days before expiry');
    fireEvent.input(field, { target: { value: '14, 100' } });
    expect(screen.getByText('“100” is out of range: each is 1 to 89 days.')).toBeTruthy();
    fireEvent.change(field, { target: { value: '14, 100' } });
    expect((await loadSnapshot(db)).settings.expiryLadderDays).toEqual([7, 1]);
    fireEvent.input(field, { target: { value: '1 14 3' } });
    fireEvent.change(field, { target: { value: '1 14 3' } });
    await waitFor(async () => expect((await loadSnapshot(db)).settings.expiryLadderDays).toEqual([14, 3, 1]));
    expect((field as HTMLInputElement).value).toBe('14, 3, 1');
  });

  test('choosing a language switches the page at once', async () => {
    await show();
    fireEvent.click(screen.getByLabelText('中文'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设置'));
    expect(document.documentElement.lang).toBe('zh-CN');
    expect((await loadSnapshot(db)).settings.language).toBe('zh_CN');
  });

  test('the guide\'s consent shows whether it was ever asked', async () => {
    await show();
    expect(document.body.textContent).toContain('Not answered yet');
    cleanup();
    await updateSettings(db, { rememberPages: false });
    await show();
    expect(document.body.textContent).not.toContain('Not answered yet');
    expect((screen.getByLabelText('Remember the certificates and annotations that pages of the CPTA website show') as HTMLInputElement).checked).toBe(false);
  });

  test('delete all: asks first with what will go, cancelling keeps everything, confirming clears', async () => {
    await putRecords(db, [cert('A'), cert('B')], [ann('a', 'A', 3)]);
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all data…' }));
    expect(screen.getByText('Delete all data? This removes 2 certificates, 1 annotation and the settings, and cannot be undone.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await loadSnapshot(db)).certificates).toHaveLength(2);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Delete all data…'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete all data' }));
    await waitFor(async () => expect((await loadSnapshot(db)).certificates).toEqual([]));
    expect((await loadSnapshot(db)).annotations).toEqual([]);
    expect(await screen.findByText('All data deleted.')).toBeTruthy();
    expect(env.dataChanged).toHaveBeenCalledTimes(1);
  });

  test('export, then import into an empty database: everything comes back, and the page says what it did', async () => {
    await putRecords(db, [cert('A'), cert('B')], [ann('a', 'A', 3)]);
    await updateSettings(db, { reminderHour: 7 });
    const before = await loadSnapshot(db);
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Export to a JSON file' }));
    await waitFor(() => expect(env.download).toHaveBeenCalledTimes(1));
    const [fileName, mime, json] = env.download.mock.calls[0]!;
    expect(fileName).toBe('cpta-assistant-backup-2026-03-10.json');
    expect(mime).toBe('application/json');
    cleanup();
    await clearAll(db);
    await show();
    choose(new File([json], fileName, { type: 'application/json' }));
    await waitFor(async () => expect((await loadSnapshot(db)).certificates).toEqual(before.certificates));
    expect((await loadSnapshot(db)).annotations).toEqual(before.annotations);
    expect((await loadSnapshot(db)).settings.reminderHour).toBe(7);
    const counts = (added: number) => ({ added, updated: 0, kept: 0 });
    expect(screen.getByTestId('import-outcome').textContent).toBe(
      describeImportResult({ ok: true, certificates: counts(2), annotations: counts(1), reminderLog: counts(0), settingsRestored: true }, 'en'),
    );
    // The page shows the restored settings.
    expect((screen.getByLabelText('Reminder time') as HTMLSelectElement).value).toBe('7');
    expect(env.dataChanged).toHaveBeenCalled();
  });

  test('the page says what the device keeps; a deleted record stays deleted unless the holder ticks the box', async () => {
    await putRecords(db, [cert('A'), cert('B')], []);
    await show();
    expect(screen.getByTestId('storage-limits').textContent).toBe(
      'This computer keeps at most 1000 certificates and 20000 annotation records, so every backup imports whole. Reminders already shown are remembered for 180 days (at most 20000); older ones are removed automatically.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export to a JSON file' }));
    await waitFor(() => expect(env.download).toHaveBeenCalledTimes(1));
    const [fileName, , json] = env.download.mock.calls[0]!;
    await deleteCertificate(db, 'B', NOW + 1);
    choose(new File([json], fileName, { type: 'application/json' }));
    await waitFor(() => expect(screen.getByTestId('import-outcome').textContent).toContain('1 record deleted on this computer was left deleted'));
    expect((await loadSnapshot(db)).certificates.map((c) => c.number)).toEqual(['A']);
    fireEvent.click(screen.getByLabelText('Also restore records deleted here'));
    choose(new File([json], fileName, { type: 'application/json' }));
    await waitFor(async () => expect((await loadSnapshot(db)).certificates.map((c) => c.number)).toEqual(['A', 'B']));
  });

  test.each([
    ['not JSON', 'this is not a backup'],
    ['cut short', '{"format":"cpta-assistant-backup","version":1,"certificates":[{"number":"X"'],
    ['a future format', '{"format":"cpta-assistant-backup","version":99}'],
    ['a hostile key', '{"format":"cpta-assistant-backup","version":1,"__proto__":{"polluted":true}}'],
  ])('a broken file (%s) changes nothing and says why, in words', async (_what, content) => {
    await putRecords(db, [cert('KEEP')], [ann('k', 'KEEP', 3)]);
    const before = await loadSnapshot(db);
    await show();
    choose(new File([content], 'broken.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported; your records are as they were.');
    expect(alert.querySelectorAll('li').length).toBeGreaterThan(0);
    expect(alert.querySelector('li')!.textContent!.length).toBeGreaterThan(10);
    expect(await loadSnapshot(db)).toEqual(before);
    expect(env.dataChanged).not.toHaveBeenCalled();
  });

  test('a file over the size limit is refused before it is read', async () => {
    await show();
    const huge = new File(['x'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: BACKUP_MAX_BYTES + 1 });
    const text = vi.spyOn(huge, 'text');
    choose(huge);
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing was imported');
    expect(text).not.toHaveBeenCalled();
  });

  test('the privacy section names each permission with its reason', async () => {
    await show();
    const privacy = document.getElementById('privacy-title')!.closest('section')!;
    const text = privacy.textContent!;
    for (const p of ['storage, unlimitedStorage', 'alarms', 'notifications', '*.cpta.com.cn, cpta.mohrss.gov.cn']) expect(text).toContain(p);
    expect(text).toContain('Nothing, anywhere.');
    expect(text).toContain('IndexedDB');
    expect(text).toContain('Until you delete it');
  });

  test('the calendar export downloads the .ics with the current ladder', async () => {
    await putRecords(db, [cert('C')], [ann('c', 'C', 3)]);
    await updateSettings(db, { expiryLadderDays: [30, 7, 1] });
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Export to calendar (.ics)' }));
    const [, , ics] = env.download.mock.calls[0]!;
    expect(ics.match(/BEGIN:VALARM/g)).toHaveLength(3);
  });
});
