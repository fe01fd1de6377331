import { describe, expect, test } from 'vitest';
import { validityEndsAt } from '../../../lib/dates/beijing';
import {
  badgeFor,
  coveringAnnotation,
  dueReminders,
  foldByKind,
  kindOfReminderId,
  nextDueAfter,
  nextReminderFor,
  planReminders,
  type PlannedReminder,
} from '../../../lib/reminders/plan';
import { applied, bj, certificate, DAY, HOUR, input, seenValid } from './fixtures';
import { inZone, iso } from './zone';

const CERT = 'Z2023110000001';
const ids = (plan: PlannedReminder[]) => plan.map((r) => r.id);
const local = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h).getTime();

/** The first local 9:00 at or after `t`, checked without the code under test. */
function expectFirstLocalHourAfter(due: number, t: number, hour = 9) {
  const d = new Date(due);
  expect(d.getHours()).toBe(hour);
  expect(d.getMinutes()).toBe(0);
  expect(due).toBeGreaterThanOrEqual(t);
  expect(due - t).toBeLessThan(DAY + HOUR); // 25 h: a day that gains an hour
  const dayBefore = new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, hour).getTime();
  expect(dayBefore).toBeLessThan(t);
}

// An annotation first seen valid on 5 Jan, last valid day 15 March 2026 (Beijing).
const march15 = () => seenValid({ id: 'm15', validFrom: '2025-12-16', validUntil: '2026-03-15', seenAt: bj('2026-01-05', 10) });

describe('ready: 24 hours after an application', () => {
  const app = applied({ id: 'app', appliedAt: bj('2026-12-01', 14) });

  test('is due exactly 24 h after applying, named by the annotation', () => {
    const plan = planReminders(input({ annotations: [app], now: bj('2026-12-01', 15) }));
    const ready = plan.find((r) => r.kind === 'ready');
    expect(ready).toMatchObject({ id: 'ready:app', certificateNumber: CERT, annotationId: 'app', snoozed: false });
    expect(iso(ready!.due)).toBe('2026-12-02T06:00:00.000Z');
    expect(dueReminders(plan, bj('2026-12-02', 13, 59))).toEqual([]);
    expect(ids(dueReminders(plan, bj('2026-12-02', 14)))).toEqual(['ready:app']);
  });

  test('is not planned once the portal has been seen showing it valid', () => {
    const plan = planReminders(input({ annotations: [{ ...app, state: 'valid' }], now: bj('2026-12-01', 15) }));
    expect(plan.some((r) => r.kind === 'ready')).toBe(false);
  });

  test('still comes when its moment passed while the browser was closed, but not after the validity ran out', () => {
    const late = planReminders(input({ annotations: [app], now: bj('2026-12-20', 8) }));
    expect(ids(dueReminders(late, bj('2026-12-20', 8)))).toEqual(['ready:app']);
    const lapsed = applied({ id: 'short', appliedAt: bj('2026-12-01', 14), validityDays: 3 });
    const after = planReminders(input({ annotations: [lapsed], now: validityEndsAt(lapsed.validUntil.date) + HOUR }));
    expect(after.some((r) => r.kind === 'ready')).toBe(false);
  });
});

describe('expiring: the ladder, at the reminder hour of the local day', () => {
  test('default ladder 7 and 1 days before the last valid day, at 09:00 local', () => {
    const plan = planReminders(input({ annotations: [march15()], now: bj('2026-01-05', 10) }));
    const expiring = plan.filter((r) => r.kind === 'expiring');
    expect(expiring.map((r) => [r.id, r.daysBefore])).toEqual([
      ['expiring:m15:7', 7],
      ['expiring:m15:1', 1],
    ]);
    expect(expiring.map((r) => r.due)).toEqual([local(2026, 3, 8), local(2026, 3, 14)]);
    // The 7-day reminder gives way to the 1-day one; the 1-day one to the lapse.
    expect(expiring.map((r) => r.until)).toEqual([local(2026, 3, 14), validityEndsAt('2026-03-15')]);
  });

  test('a custom ladder is used once per day, farthest first, at the chosen hour', () => {
    const plan = planReminders(input({ annotations: [march15()], settings: { expiryLadderDays: [1, 30, 7, 7, 3], reminderHour: 20 }, now: bj('2026-01-05', 10) }));
    const expiring = plan.filter((r) => r.kind === 'expiring');
    expect(expiring.map((r) => r.daysBefore)).toEqual([30, 7, 3, 1]);
    expect(expiring.map((r) => r.due)).toEqual([local(2026, 2, 13, 20), local(2026, 3, 8, 20), local(2026, 3, 12, 20), local(2026, 3, 14, 20)]);
  });

  test('an empty ladder plans no expiring reminder, the expired one still comes', () => {
    const plan = planReminders(input({ annotations: [march15()], settings: { expiryLadderDays: [] }, now: bj('2026-01-05', 10) }));
    expect(plan.map((r) => r.kind)).toEqual(['expired']);
  });

  test('an application we saw made with a short validity gets no rung before it is even ready', () => {
    const short = applied({ id: 's', appliedAt: bj('2026-03-10', 10), validityDays: 5 });
    const plan = planReminders(input({ annotations: [short], now: bj('2026-03-10', 11) }));
    expect(plan.filter((r) => r.kind === 'expiring').map((r) => r.daysBefore)).toEqual([1]);
  });

  test('an annotation first seen 2 days before it lapses is reminded at once, not in silence', () => {
    const now = local(2026, 3, 13, 12);
    const plan = planReminders(input({ annotations: [march15()], now }));
    expect(ids(dueReminders(plan, now))).toEqual(['expiring:m15:7']);
    expect(nextDueAfter(plan, now)).toBe(local(2026, 3, 14));
  });

  test('after a week with the browser closed, only the latest rung is shown, not both', () => {
    const now = local(2026, 3, 14, 12);
    const plan = planReminders(input({ annotations: [march15()], now }));
    expect(ids(dueReminders(plan, now))).toEqual(['expiring:m15:1']);
    expect(ids(plan)).toEqual(['expiring:m15:1', 'expired:m15']);
  });
});

describe('expired: the first morning after the validity ran out', () => {
  test('comes at the first local reminder hour at or after the lapse, whatever the zone', () => {
    const plan = planReminders(input({ annotations: [march15()], now: bj('2026-01-05', 10) }));
    const expired = plan.find((r) => r.kind === 'expired')!;
    expect(expired).toMatchObject({ id: 'expired:m15', validUntil: '2026-03-15', until: null });
    expectFirstLocalHourAfter(expired.due, validityEndsAt('2026-03-15'));
  });

  test('is shown when the browser was closed over the lapse, up to a day after its moment', () => {
    const expired = planReminders(input({ annotations: [march15()], now: bj('2026-03-10') })).find((r) => r.kind === 'expired')!;
    const now = expired.due + 86_400_000 - 1;
    expect(ids(dueReminders(planReminders(input({ annotations: [march15()], now })), now))).toEqual(['expired:m15']);
  });

  test('is not shown for a lapse more than a day past (an old history typed in, an old backup imported)', () => {
    const now = bj('2026-04-20', 9);
    expect(ids(planReminders(input({ annotations: [march15()], now })))).toEqual([]);
  });

  test('is not planned when the portal was already seen showing it expired', () => {
    const seenExpired = { ...march15(), state: 'expired' as const, updatedAt: bj('2026-03-16', 10) };
    expect(planReminders(input({ annotations: [seenExpired], now: bj('2026-03-16', 11) }))).toEqual([]);
  });

  test('crosses the year boundary: last valid day 31 December', () => {
    const nye = seenValid({ id: 'nye', validFrom: '2026-10-03', validUntil: '2026-12-31', seenAt: bj('2026-10-05') });
    const plan = planReminders(input({ annotations: [nye], now: bj('2026-10-05', 10) }));
    expect(plan.map((r) => [r.kind, r.due])).toEqual([
      ['expiring', local(2026, 12, 24)],
      ['expiring', local(2026, 12, 30)],
      ['expired', plan[2]!.due],
    ]);
    expectFirstLocalHourAfter(plan[2]!.due, validityEndsAt('2026-12-31'));
    expect(inZone('Asia/Shanghai', () => iso(planReminders(input({ annotations: [nye], now: bj('2026-10-05', 10) }))[2]!.due))).toBe('2027-01-01T01:00:00.000Z');
  });

  test('crosses the year boundary: ladder rungs in December for a validity into January', () => {
    const jan = seenValid({ id: 'jan', validFrom: '2026-10-06', validUntil: '2027-01-03', seenAt: bj('2026-10-06') });
    const plan = planReminders(input({ annotations: [jan], now: bj('2026-10-06', 10) }));
    expect(plan.filter((r) => r.kind === 'expiring').map((r) => r.due)).toEqual([local(2026, 12, 27), local(2027, 1, 2)]);
  });
});

describe('local hours in named time zones, daylight saving included', () => {
  const plan = (settings = {}) => planReminders(input({ annotations: [march15()], settings, now: bj('2026-01-05', 10) }));
  const dues = (p: PlannedReminder[]) => p.map((r) => [r.id, iso(r.due)]);

  test('Asia/Shanghai: 09:00 is 01:00 UTC; the lapse is at midnight, so the next morning', () => {
    expect(inZone('Asia/Shanghai', () => dues(plan()))).toEqual([
      ['expiring:m15:7', '2026-03-08T01:00:00.000Z'],
      ['expiring:m15:1', '2026-03-14T01:00:00.000Z'],
      ['expired:m15', '2026-03-16T01:00:00.000Z'],
    ]);
  });

  test('America/Los_Angeles: 09:00 stays 09:00 across the spring change on 8 March 2026', () => {
    expect(inZone('America/Los_Angeles', () => dues(plan({ expiryLadderDays: [8, 7, 1] })))).toEqual([
      ['expiring:m15:8', '2026-03-07T17:00:00.000Z'], // PST, UTC-8
      ['expiring:m15:7', '2026-03-08T16:00:00.000Z'], // PDT from 02:00 that day, UTC-7
      ['expiring:m15:1', '2026-03-14T16:00:00.000Z'],
      // Beijing midnight is 09:00 PDT on 15 March: the first 09:00 after the lapse is that very one.
      ['expired:m15', '2026-03-15T16:00:00.000Z'],
    ]);
  });

  test('America/Los_Angeles: an hour that does not exist on the change day moves to the next real one', () => {
    expect(inZone('America/Los_Angeles', () => dues(plan({ expiryLadderDays: [7], reminderHour: 2 })).slice(0, 1))).toEqual([
      ['expiring:m15:7', '2026-03-08T10:00:00.000Z'], // 03:00 PDT
    ]);
  });

  test('America/Los_Angeles: the autumn change on 1 November 2026', () => {
    const nov = seenValid({ id: 'nov', validFrom: '2026-08-11', validUntil: '2026-11-08', seenAt: bj('2026-08-12') });
    const p = inZone('America/Los_Angeles', () => planReminders(input({ annotations: [nov], settings: { expiryLadderDays: [8, 7] }, now: bj('2026-08-12') })));
    expect(dues(p.filter((r) => r.kind === 'expiring'))).toEqual([
      ['expiring:nov:8', '2026-10-31T16:00:00.000Z'], // PDT
      ['expiring:nov:7', '2026-11-01T17:00:00.000Z'], // PST
    ]);
  });

  test('Pacific/Kiritimati (UTC+14): the lapse at 06:00 local, reminded at 09:00 that day', () => {
    expect(inZone('Pacific/Kiritimati', () => dues(plan()))).toEqual([
      ['expiring:m15:7', '2026-03-07T19:00:00.000Z'],
      ['expiring:m15:1', '2026-03-13T19:00:00.000Z'],
      ['expired:m15', '2026-03-15T19:00:00.000Z'],
    ]);
  });

  test('UTC: the lapse is 16:00 on the last day, reminded 09:00 the next', () => {
    expect(inZone('UTC', () => dues(plan()).at(-1))).toEqual(['expired:m15', '2026-03-16T09:00:00.000Z']);
  });
});

describe('quota: the morning the first slot frees', () => {
  const three = [
    applied({ id: 'q1', appliedAt: bj('2026-01-10', 10), state: 'valid' }),
    applied({ id: 'q2', appliedAt: bj('2026-02-10', 10), state: 'valid' }),
    applied({ id: 'q3', appliedAt: bj('2026-03-10', 10), state: 'valid' }),
  ];

  test('three applications within 90 days: reminded the morning the oldest stops counting', () => {
    const plan = planReminders(input({ annotations: three, now: bj('2026-03-10', 11) }));
    const quota = plan.find((r) => r.kind === 'quota')!;
    // Counted on its day and the 90 days after: 10 Jan + 91 = 11 April.
    expect(quota).toMatchObject({ id: `quota:${CERT}:2026-04-11`, freeDay: '2026-04-11', certificateNumber: CERT });
    expectFirstLocalHourAfter(quota.due, bj('2026-04-11'));
    expect(inZone('Asia/Shanghai', () => iso(planReminders(input({ annotations: three, now: bj('2026-03-10', 11) })).find((r) => r.kind === 'quota')!.due))).toBe('2026-04-11T01:00:00.000Z');
  });

  test('is optional', () => {
    const plan = planReminders(input({ annotations: three, settings: { quotaReminder: false }, now: bj('2026-03-10', 11) }));
    expect(plan.some((r) => r.kind === 'quota')).toBe(false);
  });

  test('the window edge: 90 Beijing days apart still fills the quota, 91 does not', () => {
    const edge = (lastDay: string) => [
      applied({ id: 'e1', appliedAt: bj('2026-01-01', 0, 1), state: 'valid' }),
      applied({ id: 'e2', appliedAt: bj('2026-02-01', 12), state: 'valid' }),
      applied({ id: 'e3', appliedAt: bj(lastDay, 23, 59), state: 'valid' }),
    ];
    const quota = (anns: ReturnType<typeof edge>) => planReminders(input({ annotations: anns, now: bj('2026-04-02', 0) })).filter((r) => r.kind === 'quota');
    expect(quota(edge('2026-04-01')).map((r) => r.freeDay)).toEqual(['2026-04-02']); // 1 Jan + 90 days = 1 April
    expect(quota(edge('2026-04-02'))).toEqual([]);
  });

  test('is not planned with a slot still free', () => {
    expect(planReminders(input({ annotations: three.slice(1), now: bj('2026-03-10', 11) })).some((r) => r.kind === 'quota')).toBe(false);
    const spread = [applied({ id: 'old', appliedAt: bj('2025-12-01', 10), state: 'valid' }), ...three.slice(1)];
    expect(planReminders(input({ annotations: spread, now: bj('2026-03-10', 11) })).some((r) => r.kind === 'quota')).toBe(false);
  });
});

describe('suppressions', () => {
  test('a withdrawn certificate gets nothing, and is not on the badge', () => {
    const i = input({ certificates: [certificate({ status: 'withdrawn' })], annotations: [march15()], now: bj('2026-03-20') });
    expect(planReminders(i)).toEqual([]);
    expect(badgeFor(i).count).toBe(0);
  });

  test('an association-seal certificate issued before 2021-12-17 needs no annotation and gets nothing', () => {
    const i = input({ certificates: [certificate({ qualification: '税务师', level: undefined, approvalDate: '2020-06-01' })], annotations: [march15()], now: bj('2026-03-20') });
    expect(planReminders(i)).toEqual([]);
    expect(badgeFor(i).count).toBe(0);
  });

  test('a certificate the holder marked as needing no annotation gets nothing', () => {
    expect(planReminders(input({ certificates: [certificate({ annotationRequired: false })], annotations: [march15()], now: bj('2026-03-10') }))).toEqual([]);
  });

  test('reminders can be turned off; the badge stays', () => {
    const i = input({ annotations: [march15()], settings: { remindersEnabled: false }, now: bj('2026-03-20') });
    expect(planReminders(i)).toEqual([]);
    expect(badgeFor(i)).toMatchObject({ count: 1, certificates: [{ certificateNumber: CERT, reason: 'expired' }] });
  });

  test('annotations of a certificate not stored yet are still reminded', () => {
    const plan = planReminders(input({ certificates: [], annotations: [march15()], now: bj('2026-01-05') }));
    expect(plan.map((r) => r.kind)).toEqual(['expiring', 'expiring', 'expired']);
  });
});

describe('two annotations for one certificate', () => {
  test('a newer application supersedes the older annotation: no expiring or expired for the old one', () => {
    const newer = applied({ id: 'new', appliedAt: bj('2026-03-10', 10) });
    const plan = planReminders(input({ annotations: [march15(), newer], now: bj('2026-03-10', 11) }));
    expect(plan.some((r) => r.annotationId === 'm15')).toBe(false);
    expect(plan.map((r) => r.id)).toEqual(['ready:new', 'expiring:new:7', 'expiring:new:1', 'expired:new']);
    expect(coveringAnnotation([march15(), newer])?.id).toBe('new');
  });

  test('a newer but shorter annotation does not hide the longer one: the certificate is usable until the later day', () => {
    const longer = seenValid({ id: 'long', validFrom: '2026-04-02', validUntil: '2026-06-30', seenAt: bj('2026-04-03') });
    const shorter = applied({ id: 'short', appliedAt: bj('2026-04-10', 10), validityDays: 10 });
    const plan = planReminders(input({ annotations: [longer, shorter], now: bj('2026-04-10', 11) }));
    expect(plan.map((r) => r.id)).toEqual(['ready:short', 'expiring:long:7', 'expiring:long:1', 'expired:long']);
  });

  test('the older expired annotation is not on the badge once a newer one exists', () => {
    const newer = applied({ id: 'new', appliedAt: bj('2026-03-20', 10) });
    expect(badgeFor(input({ annotations: [march15(), newer], now: bj('2026-03-20', 11) })).count).toBe(0);
  });
});

describe('the log of reminders shown', () => {
  test('a reminder shown is not planned again; the next rung still is', () => {
    const plan = planReminders(input({ annotations: [march15()], reminderLog: [{ id: 'expiring:m15:7', shownAt: local(2026, 3, 8) }], now: local(2026, 3, 9) }));
    expect(ids(plan)).toEqual(['expiring:m15:1', 'expired:m15']);
  });

  test('a snoozed reminder comes back at the time it was snoozed to', () => {
    const tomorrow = local(2026, 3, 9);
    const plan = planReminders(input({ annotations: [march15()], reminderLog: [{ id: 'expiring:m15:7', shownAt: local(2026, 3, 8), snoozedUntil: tomorrow }], now: local(2026, 3, 8, 10) }));
    expect(plan[0]).toMatchObject({ id: 'expiring:m15:7', due: tomorrow, snoozed: true });
  });

  test('a reminder snoozed past the moment it is worth anything is dropped', () => {
    const plan = planReminders(input({ annotations: [march15()], reminderLog: [{ id: 'expiring:m15:7', shownAt: local(2026, 3, 13), snoozedUntil: local(2026, 3, 14, 10) }], now: local(2026, 3, 13, 10) }));
    expect(ids(plan)).toEqual(['expiring:m15:1', 'expired:m15']);
  });
});

describe('the badge: certificates that need action', () => {
  const ready = applied({ id: 'r', certificateNumber: 'R1', appliedAt: bj('2026-03-01', 10) });

  test('ready, expiring within the ladder and expired are counted once each, with their reason', () => {
    const i = input({
      certificates: [certificate({ number: 'R1' }), certificate({ number: 'E1' }), certificate({ number: 'X1' }), certificate({ number: 'OK' })],
      annotations: [
        ready,
        seenValid({ id: 'e', certificateNumber: 'E1', validFrom: '2025-12-10', validUntil: '2026-03-07', seenAt: bj('2026-01-01') }),
        seenValid({ id: 'x', certificateNumber: 'X1', validFrom: '2025-12-01', validUntil: '2026-02-27', seenAt: bj('2026-01-01') }),
        seenValid({ id: 'ok', certificateNumber: 'OK', validFrom: '2026-02-01', validUntil: '2026-05-01', seenAt: bj('2026-02-02') }),
      ],
      now: bj('2026-03-02', 12),
    });
    const badge = badgeFor(i);
    expect(badge.count).toBe(3);
    expect(badge.certificates).toEqual([
      { certificateNumber: 'R1', reason: 'ready' },
      { certificateNumber: 'E1', reason: 'expiring' },
      { certificateNumber: 'X1', reason: 'expired' },
    ]);
  });

  test('nothing to do: no count, and the next change is when something will need action', () => {
    const before = badgeFor(input({ certificates: [certificate({ number: 'R1' })], annotations: [ready], now: bj('2026-03-01', 11) }));
    expect(before).toEqual({ count: 0, certificates: [], changesAt: bj('2026-03-02', 10) });
    const m = badgeFor(input({ annotations: [march15()], now: local(2026, 3, 1) }));
    expect(m).toMatchObject({ count: 0, changesAt: local(2026, 3, 8) });
  });

  test('expiring starts at the first rung of the ladder', () => {
    expect(badgeFor(input({ annotations: [march15()], now: local(2026, 3, 8) - 1 })).count).toBe(0);
    expect(badgeFor(input({ annotations: [march15()], now: local(2026, 3, 8) })).certificates).toEqual([{ certificateNumber: CERT, reason: 'expiring' }]);
    expect(badgeFor(input({ annotations: [march15()], now: validityEndsAt('2026-03-15') })).certificates).toEqual([{ certificateNumber: CERT, reason: 'expired' }]);
  });
});

describe('helpers for the popup and the notifications', () => {
  const two = input({
    certificates: [certificate({ number: 'A' }), certificate({ number: 'B' })],
    annotations: [
      seenValid({ id: 'a', certificateNumber: 'A', validFrom: '2025-12-16', validUntil: '2026-03-15', seenAt: bj('2026-01-05') }),
      seenValid({ id: 'b', certificateNumber: 'B', validFrom: '2025-12-16', validUntil: '2026-03-15', seenAt: bj('2026-01-05') }),
    ],
    now: bj('2026-01-05', 12),
  });

  test('nextReminderFor gives the next reminder of one certificate', () => {
    const plan = planReminders(two);
    expect(nextReminderFor(plan, 'A')).toMatchObject({ id: 'expiring:a:7', due: local(2026, 3, 8) });
    expect(nextReminderFor(plan, 'B')?.id).toBe('expiring:b:7');
    expect(nextReminderFor(plan, 'nope')).toBeUndefined();
  });

  test('reminders due together fold by reason', () => {
    const now = local(2026, 3, 8);
    const folded = foldByKind(dueReminders(planReminders({ ...two, now }), now));
    expect(folded.map((g) => [g.kind, g.reminders.map((r) => r.certificateNumber)])).toEqual([['expiring', ['A', 'B']]]);
  });

  test('every id names its kind', () => {
    for (const r of planReminders(two)) expect(kindOfReminderId(r.id)).toBe(r.kind);
    expect(kindOfReminderId('bogus:1')).toBeUndefined();
  });
});

describe('an annotation whose last day was never read', () => {
  test('gets no expiring or expired reminder and no badge until its last day is known; then it does', () => {
    const now = bj('2026-12-03', 10);
    const unknown = { ...seenValid({ validFrom: '2026-12-03', validUntil: '2027-03-02', seenAt: now }), validUntil: { date: '2027-03-02', source: 'unknown' as const } };
    const later = bj('2027-02-28', 10);
    expect(planReminders(input({ annotations: [unknown], now: later })).filter((r) => r.kind !== 'quota')).toEqual([]);
    expect(badgeFor({ ...input({ annotations: [unknown], now: later }) }).count).toBe(0);
    const given = { ...unknown, validUntil: { date: '2027-03-02', source: 'portal' as const } };
    expect(planReminders(input({ annotations: [given], now: later })).map((r) => r.kind)).toContain('expiring');
  });
});
