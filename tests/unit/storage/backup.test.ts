import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import {
  BACKUP_FORMAT,
  BACKUP_MAX_BYTES,
  BACKUP_VERSION,
  MAX_LISTED_PROBLEMS,
  describeBackupProblem,
  describeImportResult,
  exportBackup,
  importBackup,
  parseBackup,
  type BackupProblem,
  type BackupProblemKey,
  type ImportResult,
} from '../../../lib/storage/backup';
import type { Database } from '../../../lib/storage/db';
import { clearAll, loadSnapshot, putRecords, putReminderLog, updateSettings } from '../../../lib/storage/records';
import { annotation, beijingInstant, certificate } from '../model/fixtures';
import { canonical, dropDb, dumpDb, freshDb } from './helpers';
import zhBackup from '../../../lib/i18n/zh_CN/backup.json';
import enBackup from '../../../lib/i18n/en/backup.json';
import { placeholderNames } from '../../../lib/i18n/translate';

const NOW = beijingInstant('2026-06-01', 12);
const T0 = beijingInstant('2026-05-01', 12);

let db: Database;
beforeEach(async () => {
  db = await freshDb('backup');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDb(db);
});

async function seed() {
  const certs = [certificate('A-1', { updatedAt: T0, createdAt: T0 }), certificate('B-2', { updatedAt: T0, createdAt: T0, holderName: '李四' })];
  const anns = [
    annotation('A-1', '2026-03-01', 90, 'valid', { id: 'ann-1', updatedAt: T0 }),
    annotation('A-1', '2026-05-20', 30, 'generating', { id: 'ann-2', updatedAt: T0 }),
    annotation('B-2', '2026-04-01', 60, 'valid', { id: 'ann-3', updatedAt: T0 }),
  ];
  await putRecords(db, certs, anns);
  await putReminderLog(db, [{ id: 'expiring:ann-1:7', shownAt: T0 }]);
  await updateSettings(db, { language: 'en', reminderHour: 8 });
  return { certs, anns };
}

function okResult(r: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.problems)}`);
  return r;
}

/** A valid file built from parts, for editing into bad ones. */
function file(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: T0,
    certificates: [certificate('C-3', { updatedAt: T0, createdAt: T0 })],
    annotations: [annotation('C-3', '2026-04-10', 90, 'valid', { id: 'ann-9', updatedAt: T0 })],
    settings: { ...DEFAULT_SETTINGS },
    reminderLog: [],
    ...overrides,
  };
}

describe('export and import', () => {
  test('round trip: export, delete everything, import: the same snapshot', async () => {
    await seed();
    const before = await loadSnapshot(db);
    const text = await exportBackup(db, NOW);
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'cpta-assistant-backup', version: 1, exportedAt: NOW });
    expect(Object.keys(data).sort()).toEqual(['annotations', 'certificates', 'exportedAt', 'format', 'reminderLog', 'settings', 'version']);
    await clearAll(db);
    const result = okResult(await importBackup(db, text, NOW));
    expect(result.certificates).toEqual({ added: 2, updated: 0, kept: 0 });
    expect(result.annotations).toEqual({ added: 3, updated: 0, kept: 0 });
    expect(result.reminderLog).toEqual({ added: 1, updated: 0, kept: 0 });
    expect(result.settingsRestored).toBe(true);
    const after = await loadSnapshot(db);
    expect(canonical(sorted(after))).toBe(canonical(sorted(before)));
  });

  test('the export is deterministic and leaves damaged records out', async () => {
    await seed();
    await db.put('annotations', { id: 'broken', validityDays: 900 } as never);
    const a = await exportBackup(db, NOW);
    const b = await exportBackup(db, NOW);
    expect(a).toBe(b);
    expect(JSON.parse(a).annotations.map((x: { id: string }) => x.id)).toEqual(['ann-1', 'ann-3', 'ann-2']);
    expect(parseBackup(a, NOW).ok).toBe(true);
  });

  test('importing the same file again changes nothing, byte for byte', async () => {
    await seed();
    const text = await exportBackup(db, NOW);
    const before = await dumpDb(db);
    const result = okResult(await importBackup(db, text, NOW));
    expect(result).toEqual({
      ok: true,
      certificates: { added: 0, updated: 0, kept: 2 },
      annotations: { added: 0, updated: 0, kept: 3 },
      reminderLog: { added: 0, updated: 0, kept: 1 },
      settingsRestored: false,
      stillDeleted: 0,
    });
    expect(await dumpDb(db)).toBe(before);
    expect(describeImportResult(result, 'en')).toMatch(/nothing changed/);
  });
});

function sorted(s: Awaited<ReturnType<typeof loadSnapshot>>) {
  return {
    ...s,
    certificates: [...s.certificates].sort((a, b) => a.number.localeCompare(b.number)),
    annotations: [...s.annotations].sort((a, b) => a.id.localeCompare(b.id)),
    reminderLog: [...s.reminderLog].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('merge rules', () => {
  test('the newer updatedAt wins for certificates and annotations; ties keep what is there', async () => {
    await seed();
    const text = JSON.stringify(
      file({
        certificates: [
          certificate('A-1', { qualification: '经济', updatedAt: T0 + 1, createdAt: T0 }), // newer: wins
          certificate('B-2', { qualification: '审计', updatedAt: T0 - 1, createdAt: T0 }), // older: kept
          certificate('C-3', { updatedAt: T0, createdAt: T0 }), // new
        ],
        annotations: [
          annotation('A-1', '2026-03-01', 90, 'expired', { id: 'ann-1', updatedAt: T0 + 5 }), // newer: wins
          annotation('A-1', '2026-05-20', 30, 'valid', { id: 'ann-2', updatedAt: T0 }), // tie: kept
          annotation('B-2', '2026-04-01', 60, 'expired', { id: 'ann-3', updatedAt: T0 - 5 }), // older: kept
          annotation('C-3', '2026-04-10', 90, 'valid', { id: 'ann-9', updatedAt: T0 }), // new
        ],
        reminderLog: [
          { id: 'expiring:ann-1:7', shownAt: T0 + 10 },
          { id: 'ready:ann-9', shownAt: T0 },
        ],
      }),
    );
    const result = okResult(await importBackup(db, text, NOW));
    expect(result.certificates).toEqual({ added: 1, updated: 1, kept: 1 });
    expect(result.annotations).toEqual({ added: 1, updated: 1, kept: 2 });
    expect(result.reminderLog).toEqual({ added: 1, updated: 1, kept: 0 });
    const snap = await loadSnapshot(db);
    const cert = (n: string) => snap.certificates.find((c) => c.number === n);
    const ann = (id: string) => snap.annotations.find((a) => a.id === id);
    expect(cert('A-1')?.qualification).toBe('经济');
    expect(cert('B-2')?.qualification).toBe('社会工作者');
    expect(cert('C-3')).toBeDefined();
    expect(ann('ann-1')?.state).toBe('expired');
    expect(ann('ann-2')?.state).toBe('generating');
    expect(ann('ann-3')?.state).toBe('valid');
    expect(ann('ann-9')).toBeDefined();
    expect(snap.reminderLog.find((e) => e.id === 'expiring:ann-1:7')?.shownAt).toBe(T0 + 10);
  });

  test('the same certificate number is the same certificate, even with stray spaces', async () => {
    await seed();
    const text = JSON.stringify(file({ certificates: [certificate('  A-1 ', { qualification: '经济', updatedAt: T0 + 1, createdAt: T0 })], annotations: [] }));
    okResult(await importBackup(db, text, NOW));
    const snap = await loadSnapshot(db);
    expect(snap.certificates.map((c) => c.number).sort()).toEqual(['A-1', 'B-2']);
    expect(snap.certificates.find((c) => c.number === 'A-1')?.qualification).toBe('经济');
  });

  test('a damaged record in the database is replaced by the file\u2019s valid one', async () => {
    await seed();
    await db.put('annotations', { id: 'ann-9', junk: true } as never);
    const result = okResult(await importBackup(db, JSON.stringify(file()), NOW));
    expect(result.annotations).toEqual({ added: 0, updated: 1, kept: 0 });
    expect((await loadSnapshot(db)).damaged).toBe(0);
  });

  test('settings: the file\u2019s are applied field by field, unless asked to keep this device\u2019s', async () => {
    await seed();
    const text = JSON.stringify(file({ settings: { reminderHour: 21 } }));
    const kept = okResult(await importBackup(db, text, NOW, { keepSettings: true }));
    expect(kept.settingsRestored).toBe(false);
    expect((await loadSnapshot(db)).settings).toEqual({ ...DEFAULT_SETTINGS, language: 'en', reminderHour: 8 });
    const applied = okResult(await importBackup(db, text, NOW));
    expect(applied.settingsRestored).toBe(true);
    expect((await loadSnapshot(db)).settings).toEqual({ ...DEFAULT_SETTINGS, language: 'en', reminderHour: 21 });
    expect(describeImportResult(applied, 'zh_CN')).toMatch(/设置已按备份恢复/);
  });
});

describe('a broken or hostile file changes nothing and says what is wrong', () => {
  /** Seeds, imports `text`, and proves the database is byte-for-byte as before. */
  async function refused(text: string): Promise<BackupProblem[]> {
    await seed();
    const before = await dumpDb(db);
    const result = await importBackup(db, text, NOW);
    expect(result.ok).toBe(false);
    expect(await dumpDb(db)).toBe(before);
    if (result.ok) throw new Error('unreachable');
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expectPlaceholdersFilled(p);
      for (const locale of ['zh_CN', 'en'] as const) {
        const words = describeBackupProblem(p, locale);
        if ('path' in p.params) expect(words).toContain(p.params.path);
      }
    }
    return result.problems;
  }

  test('not JSON', async () => {
    expect(await refused('this is not a backup')).toEqual([{ key: 'not_json', params: {} }]);
  });

  test('an empty file', async () => {
    expect(await refused('  \n')).toEqual([{ key: 'empty', params: {} }]);
  });

  test('a truncated file', async () => {
    await seed();
    const text = await exportBackup(db, NOW);
    await clearAll(db);
    expect(await refused(text.slice(0, Math.floor(text.length / 2)))).toEqual([{ key: 'truncated', params: {} }]);
  });

  test('JSON that is not our format', async () => {
    for (const text of ['[]', '"cpta"', '{"format":"another-backup","version":1}', 'null']) {
      expect(await refused(text), text).toEqual([{ key: 'not_our_format', params: {} }]);
      await clearAll(db);
    }
  });

  test('a future format version', async () => {
    const problems = await refused(JSON.stringify(file({ version: 2, certificates: 'a new shape' })));
    expect(problems).toEqual([{ key: 'future_version', params: { version: 2, supported: 1 } }]);
    expect(describeBackupProblem(problems[0]!, 'en')).toMatch(/newer version.*format version 2/);
  });

  test('wrong types, named by their path', async () => {
    const f = file();
    (f.certificates as Record<string, unknown>[])[0]!.updatedAt = 'yesterday';
    (f.annotations as Record<string, unknown>[])[0]!.validityDays = 30.5;
    f.reminderLog = {};
    const problems = await refused(JSON.stringify(f));
    expect(problems).toEqual(
      expect.arrayContaining([
        { key: 'wrong_type', params: { path: 'certificates[0].updatedAt', expected: 'number' } },
        { key: 'wrong_type', params: { path: 'annotations[0].validityDays', expected: 'integer' } },
        { key: 'wrong_type', params: { path: 'reminderLog', expected: 'array' } },
      ]),
    );
    expect(describeBackupProblem(problems.find((p) => p.params && 'path' in p.params && p.params.path === 'reminderLog')!, 'zh_CN')).toBe(
      'reminderLog 的类型不对，应为列表。',
    );
  });

  test('missing fields, unknown fields, values out of range', async () => {
    const f = file();
    delete (f.certificates as Record<string, unknown>[])[0]!.status;
    (f.annotations as Record<string, unknown>[])[0]!.validityDays = 91;
    (f.annotations as Record<string, unknown>[])[0]!.color = 'red';
    (f.annotations as Record<string, unknown>[])[0]!.state = 'lost';
    const problems = await refused(JSON.stringify(f));
    expect(problems).toEqual(
      expect.arrayContaining([
        { key: 'missing', params: { path: 'certificates[0].status' } },
        { key: 'too_big', params: { path: 'annotations[0].validityDays', maximum: 90 } },
        { key: 'unknown_field', params: { path: 'annotations[0].color', names: 'color' } },
        { key: 'not_allowed', params: { path: 'annotations[0].state', value: 'lost' } },
      ]),
    );
  });

  test('an impossible date (2026-02-30)', async () => {
    const f = file();
    const ann = (f.annotations as Record<string, Record<string, unknown>>[])[0]!;
    ann.validFrom = { date: '2026-02-30', source: 'portal' };
    const problems = await refused(JSON.stringify(f));
    expect(problems).toEqual([{ key: 'impossible_date', params: { path: 'annotations[0].validFrom.date', value: '2026-02-30' } }]);
    expect(describeBackupProblem(problems[0]!, 'zh_CN')).toBe('annotations[0].validFrom.date 的日期“2026-02-30”不存在。');
  });

  test('a date in another form, and a validity that ends before it starts', async () => {
    const f = file();
    (f.certificates as Record<string, unknown>[])[0]!.approvalDate = '2020/05/01';
    const bad = await refused(JSON.stringify(f));
    expect(bad).toEqual([{ key: 'not_a_date', params: { path: 'certificates[0].approvalDate', value: '2020/05/01' } }]);
    await clearAll(db);
    const g = file();
    const ann = (g.annotations as Record<string, unknown>[])[0]!;
    ann.validFrom = { date: '2026-05-01', source: 'portal' };
    ann.validUntil = { date: '2026-04-01', source: 'portal' };
    expect(await refused(JSON.stringify(g))).toEqual([{ key: 'dates_out_of_order', params: { path: 'annotations[0].validUntil' } }]);
  });

  test('20 MB of junk is refused without being parsed', async () => {
    const junk = 'x'.repeat(20 * 1024 * 1024);
    const parse = vi.spyOn(JSON, 'parse');
    const result = parseBackup(junk, NOW);
    expect(parse).not.toHaveBeenCalled();
    expect(result).toEqual({ ok: false, problems: [{ key: 'too_large', params: { sizeMb: '20.0', limitMb: 10 } }] });
    parse.mockRestore();
    expect(await refused(junk)).toEqual([{ key: 'too_large', params: { sizeMb: '20.0', limitMb: 10 } }]);
    // Just under the limit is read (and here refused for what it is, not for its size).
    expect(parseBackup(' '.repeat(BACKUP_MAX_BYTES - 2) + '{}', NOW)).toEqual({ ok: false, problems: [{ key: 'not_our_format', params: {} }] });
  });

  test('__proto__, constructor and prototype keys anywhere are refused, and nothing is polluted', async () => {
    const good = JSON.stringify(file());
    const text = good
      .replace('"number":"C-3"', '"__proto__":{"polluted":"yes"},"number":"C-3"')
      .replace('"language":"auto"', '"language":"auto","constructor":{"prototype":{"polluted":"yes"}}');
    const problems = await refused(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        { key: 'forbidden_key', params: { path: 'certificates[0].__proto__', name: '__proto__' } },
        { key: 'forbidden_key', params: { path: 'settings.constructor', name: 'constructor' } },
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await refused('{"format":"cpta-assistant-backup","prototype":1}')).toEqual([
      { key: 'forbidden_key', params: { path: 'prototype', name: 'prototype' } },
    ]);
  });

  test('the same record twice in one file', async () => {
    const f = file();
    f.annotations = [...(f.annotations as unknown[]), ...(f.annotations as unknown[])];
    expect(await refused(JSON.stringify(f))).toEqual([{ key: 'duplicate', params: { path: 'annotations[1]', value: 'ann-9' } }]);
  });

  test('timestamps from a clock far ahead would win every merge: refused', async () => {
    const f = file();
    (f.annotations as Record<string, unknown>[])[0]!.updatedAt = NOW + 30 * 86_400_000;
    expect(await refused(JSON.stringify(f))).toEqual([{ key: 'future_timestamp', params: { path: 'annotations[0].updatedAt' } }]);
  });

  test('oversized lists are refused by their length, without checking their rows', async () => {
    const f = file();
    f.annotations = Array.from({ length: 20_001 }, () => ({}));
    f.certificates = Array.from({ length: 1_001 }, () => 'not a certificate');
    const problems = await refused(JSON.stringify(f));
    expect(problems).toEqual([
      { key: 'too_big', params: { path: 'certificates', maximum: 1000 } },
      { key: 'too_big', params: { path: 'annotations', maximum: 20000 } },
    ]);
  });

  test('a 10 MB file of two million empty records is refused by its length, before any row is checked', () => {
    const text = JSON.stringify(file()).replace('"annotations":[', `"annotations":[${'{},'.repeat(1_500_000)}`);
    expect(text.length).toBeLessThan(BACKUP_MAX_BYTES);
    const result = parseBackup(text, NOW);
    // Only the length is named: had the rows been checked, their problems would be listed.
    expect(result).toEqual({ ok: false, problems: [{ key: 'too_big', params: { path: 'annotations', maximum: 20000 } }] });
  });

  test('a file with hundreds of problems lists the first ones and counts the rest', async () => {
    const f = file();
    f.certificates = Array.from({ length: 50 }, (_, i) => ({ ...certificate(`N-${i}`), updatedAt: 'x' }));
    const problems = await refused(JSON.stringify(f));
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems.slice(0, 3).map((p) => p.params)).toEqual([0, 1, 2].map((i) => ({ path: `certificates[${i}].updatedAt`, expected: 'number' })));
    expect(problems.at(-1)).toMatchObject({ key: 'more_problems' });
    expect((problems.at(-1)!.params as { count: number }).count).toBeGreaterThan(0);
  });

  test('a write that fails half-way is rolled back and reported', async () => {
    await seed();
    const before = await dumpDb(db);
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => IDBRequest>;
    const original = proto.put!;
    let calls = 0;
    vi.spyOn(proto, 'put').mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      if (++calls === 2) request.addEventListener('success', () => this.transaction.abort());
      return request;
    });
    const text = JSON.stringify(
      file({ certificates: [certificate('C-3'), certificate('D-4')], annotations: [annotation('C-3', '2026-04-10', 90, 'valid', { id: 'x1', updatedAt: T0 })] }),
    );
    const result = await importBackup(db, text, NOW);
    vi.restoreAllMocks();
    expect(result).toMatchObject({ ok: false, problems: [{ key: 'write_failed' }] });
    expect(await dumpDb(db)).toBe(before);
  });
});

/** Every {placeholder} of the problem's strings has a value (the file's own text may contain braces). */
function expectPlaceholdersFilled(problem: BackupProblem) {
  for (const strings of [zhBackup, enBackup] as Record<string, string>[]) {
    const template = strings[problem.key];
    expect(template, problem.key).toBeDefined();
    for (const name of placeholderNames(template!)) expect(problem.params, `${problem.key}: {${name}}`).toHaveProperty(name!);
  }
}

describe('parseBackup never throws', { timeout: 60_000 }, () => {
  test('on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseBackup(text);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('on any JSON, including our header with anything after it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(parseBackup(JSON.stringify(a)).ok).toBe(false);
        const r = parseBackup(JSON.stringify({ format: BACKUP_FORMAT, version: 1, certificates: a, annotations: b }));
        expect(r.ok).toBe(false);
        if (!r.ok) for (const p of r.problems) expectPlaceholdersFilled(p);
      }),
      { numRuns: 300 },
    );
  });
});

test('every problem has words in both languages', () => {
  const all: Record<BackupProblemKey, BackupProblem> = {
    too_large: { key: 'too_large', params: { sizeMb: '20.0', limitMb: 10 } },
    empty: { key: 'empty', params: {} },
    not_json: { key: 'not_json', params: {} },
    truncated: { key: 'truncated', params: {} },
    not_our_format: { key: 'not_our_format', params: {} },
    future_version: { key: 'future_version', params: { version: 3, supported: 1 } },
    forbidden_key: { key: 'forbidden_key', params: { path: 'a.__proto__', name: '__proto__' } },
    missing: { key: 'missing', params: { path: 'a.b' } },
    wrong_type: { key: 'wrong_type', params: { path: 'a.b', expected: 'string' } },
    impossible_date: { key: 'impossible_date', params: { path: 'a.b', value: '2026-02-30' } },
    not_a_date: { key: 'not_a_date', params: { path: 'a.b', value: '2026/2/3' } },
    dates_out_of_order: { key: 'dates_out_of_order', params: { path: 'a.b' } },
    unknown_field: { key: 'unknown_field', params: { path: 'a.b', names: 'b' } },
    too_big: { key: 'too_big', params: { path: 'a.b', maximum: 90 } },
    too_small: { key: 'too_small', params: { path: 'a.b', minimum: 1 } },
    not_allowed: { key: 'not_allowed', params: { path: 'a.b', value: 'x' } },
    duplicate: { key: 'duplicate', params: { path: 'a[1]', value: 'x' } },
    future_timestamp: { key: 'future_timestamp', params: { path: 'a.b' } },
    write_failed: { key: 'write_failed', params: { detail: 'AbortError' } },
    store_full: { key: 'store_full', params: { limit: 1000 } },
    more_problems: { key: 'more_problems', params: { count: 3 } },
  };
  for (const problem of Object.values(all)) {
    const zh = describeBackupProblem(problem, 'zh_CN');
    const en = describeBackupProblem(problem, 'en');
    expect(zh, problem.key).not.toBe(problem.key);
    expect(en, problem.key).not.toBe(problem.key);
    expect(zh).not.toBe(en);
    expect(/[\u4e00-\u9fff]/.test(zh), zh).toBe(true);
    for (const value of Object.values(problem.params)) {
      if (problem.key === 'wrong_type' && value === 'string') continue; // translated
      expect(zh).toContain(String(value));
      expect(en).toContain(String(value));
    }
  }
  expect(describeBackupProblem(all.wrong_type, 'en')).toBe('a.b has the wrong type; it should be text.');
});
