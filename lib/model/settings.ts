import { z } from './zod';

/** "Remind me tomorrow" is at most this far after the reminder was shown (backups included). */
export const MAX_SNOOZE_MS = 3 * 86_400_000;

export const SettingsSchema = z.strictObject({
  remindersEnabled: z.boolean(),
  /** Days before validUntil on which to remind (the expiring ladder). */
  expiryLadderDays: z.array(z.number().int().min(1).max(89)).max(10),
  /** Hour of the user's local day at which reminders are shown. */
  reminderHour: z.number().int().min(0).max(23),
  quotaReminder: z.boolean(),
  language: z.enum(['auto', 'zh_CN', 'en']),
  /** The guide's consent to remember what portal pages show: null until asked. */
  rememberPages: z.boolean().nullable(),
  /** The in-page panel collapsed to its launcher. */
  panelCollapsed: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  remindersEnabled: true,
  expiryLadderDays: [7, 1],
  reminderHour: 9,
  quotaReminder: true,
  language: 'auto',
  rememberPages: null,
  panelCollapsed: false,
};

/** One reminder already shown (or snoozed), so that it is never shown twice. */
export const ReminderLogEntrySchema = z.strictObject({
  /** The reminder's stable id, from the planner. */
  id: z.string().min(1).max(200),
  shownAt: z.number().int().nonnegative(),
  /** "Remind me tomorrow": show again at this instant. */
  snoozedUntil: z.number().int().nonnegative().optional(),
  /**
   * Claimed by a sync that has not yet seen the notification shown (lib/background/reminders/log.ts):
   * held back until this instant, then free again (that sync died before confirming).
   */
  pendingUntil: z.number().int().nonnegative().optional(),
})
  // A snooze is to the next morning: a file cannot silence a reminder for longer.
  .refine((e) => e.snoozedUntil === undefined || e.snoozedUntil <= e.shownAt + MAX_SNOOZE_MS, {
    message: 'snoozedUntil is too far after shownAt',
    path: ['snoozedUntil'],
  });
export type ReminderLogEntry = z.infer<typeof ReminderLogEntrySchema>;
