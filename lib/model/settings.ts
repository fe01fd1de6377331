// The holder's settings and the reminder log: their defaults and limits. Their shapes are
// in schemas.ts.
import type { Settings } from './schemas';

export type { ReminderLogEntry, Settings } from './schemas';

export { MAX_SNOOZE_MS } from './limits';

export const DEFAULT_SETTINGS: Settings = {
  remindersEnabled: true,
  expiryLadderDays: [7, 1],
  reminderHour: 9,
  quotaReminder: true,
  language: 'auto',
  rememberPages: null,
  panelCollapsed: false,
};
