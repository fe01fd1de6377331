import { describe, expect, test } from 'vitest';
import ICAL from 'ical.js';
import { alarmTrigger, buildCalendar, calendarEvents, eventUid, escapeText, foldLine } from '../../../lib/calendar/ics';
import { addDays } from '../../../lib/dates/beijing';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { ann, cert, NOW, TODAY } from '../popup/fixtures';

const certificates = [
  cert('SW-VALID', { qualification: '社会工作者, 中级; <b>x</b>' }),
  cert('SW-GEN', { qualification: '经济专业技术资格' }),
  cert('SW-EXPIRED'),
  cert('SW-WITHDRAWN', { status: 'withdrawn' }),
  cert('BANK-OLD', { qualification: '银行业专业人员', approvalDate: '2020-05-01' }),
];
const annotations = [
  ann('a-valid-old', 'SW-VALID', 200),
  ann('a-valid', 'SW-VALID', 20), // current: last day TODAY + 69
  ann('a-gen', 'SW-GEN', 0, {
    state: 'generating',
    validFrom: { date: TODAY, source: 'estimated' },
    validUntil: { date: addDays(TODAY, 59), source: 'estimated' },
  }, 60),
  ann('a-expired', 'SW-EXPIRED', 100),
  ann('a-withdrawn', 'SW-WITHDRAWN', 10),
  ann('a-bank', 'BANK-OLD', 10),
];
const settings = { ...DEFAULT_SETTINGS, expiryLadderDays: [7, 1], reminderHour: 9 };

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => ({
    event: new ICAL.Event(v),
    alarms: v.getAllSubcomponents('valarm'),
    raw: v,
  }));
}

describe('calendar export (.ics)', () => {
  test('one all-day event on the last valid day of each current annotation, read back by ical.js', () => {
    const text = buildCalendar({ certificates, annotations, settings, now: NOW, locale: 'zh_CN' });
    const events = parse(text);
    expect(events.map((e) => e.event.uid).sort()).toEqual([eventUid({ id: 'a-gen' }), eventUid({ id: 'a-valid' })].sort());
    const valid = events.find((e) => e.event.uid === eventUid({ id: 'a-valid' }))!;
    expect(valid.event.startDate.isDate).toBe(true);
    expect(valid.event.startDate.toString()).toBe(addDays(TODAY, 69));
    expect(valid.event.endDate.toString()).toBe(addDays(TODAY, 70));
    // Text from records comes back exactly, commas, semicolons and markup included.
    expect(valid.event.summary).toBe(`加注最后一天：社会工作者, 中级; <b>x</b> 中级（SW-VALID）`);
    expect(valid.event.description).toContain('申请证书加注');
    expect(valid.event.description).toContain('www.cpta.com.cn');
    const gen = events.find((e) => e.event.uid === eventUid({ id: 'a-gen' }))!;
    expect(gen.event.startDate.toString()).toBe(addDays(TODAY, 59));
    expect(gen.event.summary).toContain('估计');
    expect(gen.event.description).toContain('重新导出');
  });

  test('alarms ring on the reminder ladder at the reminder hour', () => {
    const text = buildCalendar({ certificates, annotations, settings: { expiryLadderDays: [1, 7, 30], reminderHour: 9 }, now: NOW, locale: 'en' });
    for (const { event, alarms } of parse(text)) {
      expect(alarms).toHaveLength(3);
      const triggers = alarms.map((a) => a.getFirstProperty('trigger')!);
      for (const p of triggers) expect(p.getParameter('related')).toBe('START');
      const offsets = triggers.map((p) => (p.getFirstValue() as ICAL.Duration).toSeconds() / 3600);
      // 30, 7 and 1 days before the event's midnight, plus 9 hours: 09:00 on those days.
      expect(offsets).toEqual([-(30 * 24 - 9), -(7 * 24 - 9), -(24 - 9)]);
      for (const a of alarms) {
        expect(a.getFirstPropertyValue('action')).toBe('DISPLAY');
        expect(String(a.getFirstPropertyValue('description'))).toContain(event.summary.includes('SW-GEN') ? 'SW-GEN' : 'SW-VALID');
      }
      // The alarm instant on the event's own floating day: ladder day at 09:00.
      const start = event.startDate.clone();
      start.isDate = false; // midnight of the all-day event's day
      start.addDuration(triggers[2]!.getFirstValue() as ICAL.Duration);
      expect(start.toString()).toBe(`${addDays(event.startDate.toString(), -1)}T09:00:00`);
    }
  });

  test('an alarm that would ring before today is left out', () => {
    const close = [ann('soon', 'SW-VALID', 85)]; // last day is TODAY + 4
    const [event] = calendarEvents({ certificates, annotations: close, settings, now: NOW, locale: 'en' });
    expect(event!.date).toBe(addDays(TODAY, 4));
    expect(event!.alarmDays).toEqual([1]);
  });

  test('UIDs are stable: exporting again, after an edit, updates the same events with a higher SEQUENCE', () => {
    const first = parse(buildCalendar({ certificates, annotations, settings, now: NOW, locale: 'en' }));
    const edited = annotations.map((a) => (a.id === 'a-valid' ? { ...a, validUntil: { date: addDays(TODAY, 60), source: 'portal' as const }, updatedAt: NOW } : a));
    const second = parse(buildCalendar({ certificates, annotations: edited, settings, now: NOW + 3_600_000, locale: 'en' }));
    expect(second.map((e) => e.event.uid)).toEqual(first.map((e) => e.event.uid));
    const seq = (list: typeof first) => list.find((e) => e.event.uid === eventUid({ id: 'a-valid' }))!.event.sequence;
    expect(seq(second)).toBeGreaterThan(seq(first));
    expect(second.find((e) => e.event.uid === eventUid({ id: 'a-valid' }))!.event.startDate.toString()).toBe(addDays(TODAY, 60));
  });

  test('lines end in CRLF and none is longer than 75 octets; Chinese is never split inside a character', () => {
    const text = buildCalendar({ certificates, annotations, settings, now: NOW, locale: 'zh_CN' });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const enc = new TextEncoder();
    for (const line of text.split('\r\n')) expect(enc.encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    // Unfolding gives the description back whole.
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toMatch(/DESCRIPTION:今天是证书 SW-VALID/);
  });

  test('folding and escaping', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'中'.repeat(40)}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  test('alarm triggers in words of RFC 5545 durations', () => {
    expect(alarmTrigger(7, 9)).toBe('-P6DT15H');
    expect(alarmTrigger(1, 0)).toBe('-P1D');
    expect(alarmTrigger(1, 23)).toBe('-PT1H');
  });

  test('nothing to export gives an empty but valid calendar', () => {
    const text = buildCalendar({ certificates: [], annotations: [], settings, now: NOW, locale: 'en' });
    expect(parse(text)).toEqual([]);
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('version')).toBe('2.0');
  });
});
