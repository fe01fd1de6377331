// Reminder hours are hours of the holder's own day, in the machine's time zone (which
// may observe daylight saving), while validity dates are Beijing calendar dates. These
// helpers are the only place reminders read the local zone, through Date's local fields.
import { ymd, type BeijingDate } from '../dates/beijing';

/** `hour`:00 of the local calendar day that has the same year-month-day as `date`. */
export function localHourOn(date: BeijingDate, hour: number): number {
  const { year, month, day } = ymd(date);
  // In a spring-forward gap (02:00 that never happens) Date moves on to the next real hour.
  return new Date(year, month - 1, day, hour).getTime();
}

/** The first local `hour`:00 at or after `instant`. */
export function localHourOnOrAfter(instant: number, hour: number): number {
  const d = new Date(instant);
  const sameDay = new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour).getTime();
  if (sameDay >= instant) return sameDay;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, hour).getTime();
}

/** "Tomorrow morning": `hour`:00 on the local calendar day after the one `instant` is in. */
export function nextLocalMorning(instant: number, hour: number): number {
  const d = new Date(instant);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, hour).getTime();
}
