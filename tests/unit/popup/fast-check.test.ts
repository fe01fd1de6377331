// The popup reads every record through a hand-written check with zod behind it
// (lib/storage/records.ts). The fast check may only ever say "zod accepts this and returns
// it unchanged"; everything else goes to zod. Here both are run on valid records and on
// records broken in every way we could think of, and must agree.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { openDatabase, type Database } from '../../../lib/storage/db';
import { checkSnapshot, loadSnapshot, parseSettings, READ_CHECKS } from '../../../lib/storage/records';
import { quickSnapshot } from '../../../lib/storage/read-check';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { SettingsSchema } from '../../../lib/model/schemas';
import { ann, cert, NOW } from './fixtures';

type Kind = keyof typeof READ_CHECKS;

/** The fast check never accepts what zod refuses, nor what zod would change. */
function agrees(kind: Kind, row: unknown): void {
  const { schema, fast } = READ_CHECKS[kind];
  const parsed = schema.safeParse(row);
  const plain = typeof row === 'object' && row !== null && Object.getPrototypeOf(row) === Object.prototype;
  if (plain && fast(row as Record<string, unknown>)) {
    expect(parsed.success, `zod refuses a ${kind} the fast check let through: ${String(JSON.stringify(row))}`).toBe(true);
    // What the reader hands on: the row itself, or for settings parseSettings' copy.
    expect(parsed.data).toStrictEqual(kind === 'settings' ? parseSettings(row) : row);
  }
  if (kind === 'settings' && parsed.success) expect(parseSettings(row)).toStrictEqual(parsed.data);
}

// Values that break a field in one way each: types, ranges, whitespace, lengths, dates.
const ODD: unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 1.5, 89, 90, 91, 23, 24, NaN, Infinity, -Infinity,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, '', ' ', 'x', ' x', 'x ', '\u3000x', 'x\n', '\u00a0',
  'a'.repeat(50), 'a'.repeat(51), 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(100), 'a'.repeat(101), 'a'.repeat(200), 'a'.repeat(201),
  '2026-03-10', '2026-02-29', '2024-02-29', '2026-13-01', '1899-12-31', '2201-01-01', '2026-3-1', '2026-03-10T00:00',
  // Near misses of 'YYYY-MM-DD' for the check that reads dates digit by digit.
  '2026-03-1\uff10', '2026-03-1:', '2026-03-1/', '2:26-03-10', '\u0662026-03-10', '+026-03-10', '2026-03-10 ', '2026/03/10', '2026-03-10\n', '2026-00-10', '2026-03-00', '1900-01-01', '2200-12-31', '2100-02-29', '2000-02-29', '0000-01-01',
  'valid', 'withdrawn', 'unknown', 'portal', 'manual', 'estimated', 'generating', 'expired', 'auto', 'zh_CN', 'en',
  [], [7, 1], [0], [90], [1.5], {}, { date: '2026-03-10', source: 'portal' }, { date: '2026-03-10', source: 'portal', extra: 1 },
  { date: '2026-03-10' }, { date: '2026-02-30', source: 'estimated' }, Object.create(null), new Date(0), 10n,
];

function mutations(base: Record<string, unknown>) {
  const keys = [...Object.keys(base), 'extra', 'validFrom', 'level', 'holderName', 'approvalDate', 'annotationRequired', 'snoozedUntil'];
  return fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: fc.constantFrom(...ODD) }),
      fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: fc.anything() }),
      fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys), value: fc.constant(undefined) }),
    ),
    { maxLength: 3 },
  ).map((ops) => {
    const row: Record<string, unknown> = structuredClone(base);
    for (const { op, key, value } of ops) {
      if (op === 'delete') delete row[key];
      else row[key] = value;
    }
    return row;
  });
}

describe('the fast read check agrees with zod', () => {
  const certs = [cert('A'), cert('B', { level: undefined, holderName: '张三', annotationRequired: false }), cert('C', { status: 'withdrawn', source: 'manual' })];
  const anns = [ann('a', 'A', 10), ann('b', 'B', 0, { state: 'generating', appliedAtEstimated: true }), ann('c', 'C', 95, { state: 'expired' }, 30)];
  const logs = [{ id: 'ready:a', shownAt: NOW }, { id: 'expiring:a:7', shownAt: NOW, snoozedUntil: NOW + 86_400_000 }];

  test('valid records of the shapes our writes store pass the fast check as they are', () => {
    for (const c of certs) expect(READ_CHECKS.certificate.fast(structuredClone(c) as never)).toBe(true);
    for (const a of anns) expect(READ_CHECKS.annotation.fast(structuredClone(a) as never)).toBe(true);
    for (const l of logs) expect(READ_CHECKS.reminderLog.fast(structuredClone(l) as never)).toBe(true);
    expect(READ_CHECKS.settings.fast(structuredClone(DEFAULT_SETTINGS) as never)).toBe(true);
  });

  test('on every single broken field', () => {
    for (const [kind, rows] of [['certificate', certs], ['annotation', anns], ['reminderLog', logs], ['settings', [DEFAULT_SETTINGS]]] as const) {
      for (const base of rows) {
        for (const key of [...Object.keys(base), 'extra']) {
          for (const value of ODD) {
            const row: Record<string, unknown> = { ...structuredClone(base), [key]: value };
            agrees(kind, row);
          }
          const without: Record<string, unknown> = structuredClone(base);
          delete without[key];
          agrees(kind, without);
        }
      }
    }
  });

  test('on records broken in up to three places at once', () => {
    const pairs: [Kind, Record<string, unknown>][] = [
      ...certs.map((c) => ['certificate', c] as [Kind, Record<string, unknown>]),
      ...anns.map((a) => ['annotation', a] as [Kind, Record<string, unknown>]),
      ...logs.map((l) => ['reminderLog', l] as [Kind, Record<string, unknown>]),
      ['settings', DEFAULT_SETTINGS],
    ];
    for (const [kind, base] of pairs) {
      fc.assert(fc.property(mutations(base), (row) => agrees(kind, row)), { numRuns: 400 });
    }
  });

  test("the popup's first screen, without zod: a whole snapshot passes only when every record does, and is then exactly checkSnapshot's", () => {
    const rowsOf = <T extends Record<string, unknown>>(good: readonly T[]) =>
      fc.array(fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 4 }, { arbitrary: fc.constantFrom(...good).chain((g) => mutations(g)), weight: 1 }), { maxLength: 6 });
    const settings = fc.oneof(fc.constant(undefined), fc.constant(DEFAULT_SETTINGS), mutations(DEFAULT_SETTINGS as unknown as Record<string, unknown>));
    let passed = 0;
    let refused = 0;
    fc.assert(
      fc.property(rowsOf(certs), rowsOf(anns), rowsOf(logs), settings, (certificates, annotations, reminderLog, stored) => {
        const raw = { certificates: structuredClone(certificates), annotations: structuredClone(annotations), reminderLog: structuredClone(reminderLog), settings: structuredClone(stored) };
        const quick = quickSnapshot(structuredClone(raw));
        const full = checkSnapshot(raw);
        if (quick) {
          passed++;
          expect(quick).toStrictEqual(full);
          expect(full.damaged).toBe(0);
        } else refused++;
      }),
      { numRuns: 600 },
    );
    // Both ways were taken.
    expect(passed).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
    // Records as our writes store them never send the popup to zod.
    const ours = quickSnapshot({ certificates: structuredClone(certs), annotations: structuredClone(anns), reminderLog: structuredClone(logs), settings: structuredClone(DEFAULT_SETTINGS) });
    expect(ours).toStrictEqual({ certificates: certs, annotations: anns, reminderLog: logs, settings: DEFAULT_SETTINGS, damaged: 0 });
  });

  test('nested and odd containers: dates with stray keys, sparse and decorated arrays, other prototypes', () => {
    const a = ann('n', 'A', 10) as unknown as Record<string, unknown>;
    agrees('annotation', { ...a, validFrom: { ...(a.validFrom as object), note: 1 } });
    agrees('annotation', { ...a, validUntil: Object.assign(Object.create({ inherited: 1 }), a.validUntil) });
    agrees('annotation', { ...a, validFrom: a.validUntil, validUntil: a.validFrom });
    agrees('annotation', Object.assign(Object.create({ extra: 1 }), a));
    agrees('certificate', Object.assign(Object.create(null), cert('P')));
    // The dates inside validFrom and validUntil, broken in every way the flat fields are.
    for (const value of ODD) {
      agrees('annotation', { ...a, validFrom: { ...(a.validFrom as object), date: value } });
      agrees('annotation', { ...a, validUntil: { ...(a.validUntil as object), date: value } });
    }
    // As many keys as a valid record, one of them unknown in place of a required or an optional one.
    const { status: _status, ...noStatus } = cert('S');
    agrees('certificate', { ...noStatus, extra: 'valid' });
    agrees('certificate', { ...cert('S', { holderName: '张三' }), holderName: undefined });
    const { holderName: _holder, ...noHolder } = cert('H', { holderName: '张三' });
    expect(READ_CHECKS.certificate.fast({ ...noHolder, nickname: '张三' })).toBe(false);
    expect(READ_CHECKS.certificate.fast({ ...noStatus, extra: 'valid' })).toBe(false);
    const sparse = [7];
    sparse[3] = 1;
    agrees('settings', { ...DEFAULT_SETTINGS, expiryLadderDays: sparse });
    agrees('settings', { ...DEFAULT_SETTINGS, expiryLadderDays: Object.assign([7, 1], { note: 1 }) });
    agrees('settings', { ...DEFAULT_SETTINGS, expiryLadderDays: Array.from({ length: 11 }, () => 7) });
  });
});

describe('reading through the fast check', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase('fast-read-test');
  });
  afterEach(async () => {
    db.close();
    await deleteDB('fast-read-test');
  });

  test('the snapshot holds what zod alone would keep, and counts the same damaged records', async () => {
    const good = cert('G');
    const rows = {
      certificates: [good, { ...cert('T'), qualification: ' 社会工作者 ' }, { ...cert('X'), extra: true }, { ...cert('N'), createdAt: -1 }],
      annotations: [ann('g', 'G', 10), { ...ann('s', 'G', 5), scenario: '本人调用 ' }, { ...ann('v', 'G', 5), validityDays: 91 }],
      reminderLog: [{ id: 'r', shownAt: NOW }, { id: '', shownAt: NOW }],
    };
    const tx = db.transaction(['certificates', 'annotations', 'reminderLog', 'settings'], 'readwrite');
    for (const c of rows.certificates) await tx.objectStore('certificates').put(c as never);
    for (const a of rows.annotations) await tx.objectStore('annotations').put(a as never);
    for (const l of rows.reminderLog) await tx.objectStore('reminderLog').put(l as never);
    await tx.objectStore('settings').put({ ...DEFAULT_SETTINGS, reminderHour: 30 } as never, 'settings');
    await tx.done;

    const zodOnly = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, list: unknown[]) =>
      list.map((r) => schema.safeParse(r)).filter((p) => p.success).map((p) => p.data);
    const snapshot = await loadSnapshot(db);
    const byKey = <T extends object>(list: T[], key: keyof T) => [...list].sort((x, y) => String(x[key]).localeCompare(String(y[key])));
    expect(byKey(snapshot.certificates, 'number')).toStrictEqual(byKey(zodOnly(READ_CHECKS.certificate.schema, rows.certificates) as typeof snapshot.certificates, 'number'));
    expect(byKey(snapshot.annotations, 'id')).toStrictEqual(byKey(zodOnly(READ_CHECKS.annotation.schema, rows.annotations) as typeof snapshot.annotations, 'id'));
    expect(snapshot.reminderLog).toStrictEqual(zodOnly(READ_CHECKS.reminderLog.schema, rows.reminderLog));
    // ' 社会工作者 ' is trimmed by zod, so it is kept (trimmed); the others are damaged.
    expect(snapshot.certificates.find((c) => c.number === 'T')?.qualification).toBe('社会工作者');
    expect(snapshot.damaged).toBe(2 + 1 + 1);
    // A damaged setting falls back to its default, the rest kept.
    expect(snapshot.settings).toStrictEqual({ ...DEFAULT_SETTINGS });
    expect(SettingsSchema.safeParse(snapshot.settings).success).toBe(true);
  });

  test('settings: the fast path gives what zod gives', () => {
    for (const raw of [undefined, {}, { language: 'en' }, { ...DEFAULT_SETTINGS, expiryLadderDays: [3] }, { rememberPages: true, panelCollapsed: true }]) {
      const merged = { ...DEFAULT_SETTINGS, ...(raw ?? {}) };
      expect(parseSettings(raw)).toStrictEqual(SettingsSchema.parse(merged));
    }
  });
});
