// Numbers both the record shapes (schemas.ts) and the rules beside them use: here, so that
// the rules need not load zod to know them, nor the shapes import the rules.

/** The longest validity an annotation can be applied for, in days. */
export const MAX_VALIDITY_DAYS = 90;

/** "Remind me tomorrow" is at most this far after the reminder was shown (backups included). */
export const MAX_SNOOZE_MS = 3 * 86_400_000;
