// The calendar export: one all-day event on the last valid day of each current
// annotation, with alarms on the reminder ladder. Pure: records, settings, an instant and
// a locale in; RFC 5545 text out (CRLF line ends, lines folded at 75 octets).
import { addDays, beijingDateAt, formatBeijingDate, type BeijingDate } from '../dates/beijing';
import { currentAnnotation, effectiveState, lastDayKnown, type Annotation } from '../model/annotation';
import { needsAnnotation, type Certificate } from '../model/certificate';
import type { Settings } from '../model/settings';
import type { Locale } from '../i18n/locale';
import { makeTranslate } from '../i18n/translate';
import zh_CN from '../i18n/zh_CN/calendar.json';
import en from '../i18n/en/calendar.json';
import { PORTAL_DISPLAY } from '../portal/site';

const strings = { zh_CN, en };
export const PRODID = '-//CPTA e-Certificate Assistant//Annotation calendar//ZH';
const UID_DOMAIN = 'cpta-assistant.invalid';
/** SEQUENCE counts minutes since annotations began, so every later edit has a higher one. */
const SEQUENCE_EPOCH = Date.UTC(2021, 11, 16, 16);

export interface CalendarInput {
  certificates: readonly Certificate[];
  annotations: readonly Annotation[];
  settings: Pick<Settings, 'expiryLadderDays' | 'reminderHour'>;
  now: number;
  locale: Locale;
}

export interface CalendarEvent {
  uid: string;
  annotation: Annotation;
  certificate: Certificate | undefined;
  /** The last valid Beijing day: the all-day event's date. */
  date: BeijingDate;
  estimated: boolean;
  /** Days before `date` at which an alarm rings, at the reminder hour. */
  alarmDays: number[];
}

/** A stable UID per annotation: exporting again updates the event instead of adding one. */
export function eventUid(annotation: Pick<Annotation, 'id'>): string {
  const safe = annotation.id.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `annotation-${safe}@${UID_DOMAIN}`;
}

/** The current annotation of every certificate that needs one, unless it has lapsed or the certificate is withdrawn. */
export function calendarEvents(input: CalendarInput): CalendarEvent[] {
  const today = beijingDateAt(input.now);
  const byNumber = new Map(input.certificates.map((c) => [c.number, c]));
  const numbers = new Set([...input.certificates.map((c) => c.number), ...input.annotations.map((a) => a.certificateNumber)]);
  const ladder = [...new Set(input.settings.expiryLadderDays)].sort((a, b) => b - a);
  const events: CalendarEvent[] = [];
  for (const number of [...numbers].sort()) {
    const certificate = byNumber.get(number);
    if (certificate && (certificate.status === 'withdrawn' || !needsAnnotation(certificate))) continue;
    const annotation = currentAnnotation(input.annotations, number);
    // A last day never read is not put in a calendar: there is no day to mark yet.
    if (!annotation || effectiveState(annotation, input.now) === 'expired' || !lastDayKnown(annotation)) continue;
    const date = annotation.validUntil.date;
    events.push({
      uid: eventUid(annotation),
      annotation,
      certificate,
      date,
      estimated: annotation.validUntil.source === 'estimated',
      // Alarms that would ring before today are of no use; keep the ones still ahead.
      alarmDays: ladder.filter((d) => addDays(date, -d) >= today),
    });
  }
  return events;
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line at 75 octets (RFC 5545 3.1): continuation lines start with a
 * space. Never splits a UTF-8 character (Chinese text is 3 octets a character).
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function icsDate(date: BeijingDate): string {
  return date.replace(/-/g, '');
}

function icsUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** An alarm `days` before an all-day event, at `hour` on that day: -P6DT15H for 7 days at 09:00. */
export function alarmTrigger(days: number, hour: number): string {
  const hours = days * 24 - hour;
  if (hours <= 0) return `PT${-hours}H`;
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `-P${d ? `${d}D` : ''}${h ? `T${h}H` : ''}`;
}

export function buildCalendar(input: CalendarInput): string {
  const t = makeTranslate(strings, input.locale);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(t('calendarName'))}`,
  ];
  const stamp = icsUtc(input.now);
  for (const event of calendarEvents(input)) {
    const { annotation, certificate } = event;
    const params = {
      number: annotation.certificateNumber,
      qualification: certificate
        ? [certificate.qualification, certificate.level].filter(Boolean).join(' ')
        : t('unknownQualification'),
      portal: PORTAL_DISPLAY,
    };
    const description = [t('description', params), ...(event.estimated ? [t('estimatedNote')] : [])].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${icsUtc(annotation.updatedAt)}`,
      `SEQUENCE:${Math.max(0, Math.floor((annotation.updatedAt - SEQUENCE_EPOCH) / 60_000))}`,
      `DTSTART;VALUE=DATE:${icsDate(event.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(t(event.estimated ? 'summaryEstimated' : 'summary', params))}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:TRANSPARENT',
    );
    for (const days of event.alarmDays) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER;RELATED=START:${alarmTrigger(days, input.settings.reminderHour)}`,
        `DESCRIPTION:${escapeText(t('alarm', { ...params, days, date: formatBeijingDate(event.date, input.locale) }))}`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function calendarFileName(now: number): string {
  return `cpta-annotations-${beijingDateAt(now)}.ics`;
}
