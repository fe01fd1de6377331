// The shape of every stored record, in zod: what the database, a backup file and a message
// may hold. The rules that work on the records (needsAnnotation, effectiveState, the
// defaults…) live beside them in certificate.ts, annotation.ts and settings.ts, which take
// only the types from here: a page that shows records without writing them (the popup's
// first screen) loads no zod at all (lib/storage/read-check.ts checks what it reads).
import { z } from './zod';
import { compareDates, isBeijingDate } from '../dates/beijing';
import { MAX_SNOOZE_MS, MAX_VALIDITY_DAYS } from './limits';

export const beijingDate = z.string().refine(isBeijingDate, { message: 'not a real calendar date (YYYY-MM-DD)' });

/** 有效 = a real, valid certificate; 已撤销 = withdrawn, void. */
export const CertificateStatus = z.enum(['valid', 'withdrawn', 'unknown']);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const RecordSource = z.enum(['portal', 'manual']);
export type RecordSource = z.infer<typeof RecordSource>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const CertificateSchema = z.strictObject({
  /** 证书编号 or 管理号: the key; the same number is the same certificate. */
  number: text(64),
  /** 资格名称, e.g. 社会工作者 */
  qualification: text(200),
  /** 级别, e.g. 中级 */
  level: z.string().trim().max(100).optional(),
  holderName: z.string().trim().max(100).optional(),
  /** 批准日期 */
  approvalDate: beijingDate.optional(),
  status: CertificateStatus,
  /** Set by hand when the holder knows better than the rule in needsAnnotation(). */
  annotationRequired: z.boolean().optional(),
  source: RecordSource,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Certificate = z.infer<typeof CertificateSchema>;

/** 证书生成中… / 有效期内 / 加注件已过期 */
export const AnnotationState = z.enum(['generating', 'valid', 'expired']);
export type AnnotationState = z.infer<typeof AnnotationState>;

/**
 * A date with where it came from: read from the portal (or from it by the holder), estimated
 * by us, or unknown. An unknown last day is stored as the latest day it can be (the portal
 * showed the annotation valid, and a validity lasts at most 90 days): past that day it has
 * surely lapsed, but no reminder is built on it (lib/reminders/plan.ts) and the holder is
 * asked for the real one.
 */
export const DatedFact = z.strictObject({
  date: beijingDate,
  source: z.enum(['portal', 'estimated', 'unknown']),
});
export type DatedFact = z.infer<typeof DatedFact>;

export const AnnotationSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    certificateNumber: z.string().trim().min(1).max(64),
    /** When it was applied for (epoch ms). */
    appliedAt: z.number().int().nonnegative(),
    /** True when the application time was inferred (e.g. first seen already valid). */
    appliedAtEstimated: z.boolean(),
    /** 加注有效期, in days. */
    validityDays: z.number().int().min(1).max(MAX_VALIDITY_DAYS),
    /** 使用场景 */
    scenario: z.string().trim().min(1).max(50),
    /** The state as last seen on the portal or recorded; see effectiveState() for now. */
    state: AnnotationState,
    validFrom: DatedFact,
    validUntil: DatedFact,
    source: RecordSource,
    updatedAt: z.number().int().nonnegative(),
  })
  .refine((a) => compareDates(a.validFrom.date, a.validUntil.date) <= 0, {
    message: 'validUntil is before validFrom',
    path: ['validUntil'],
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

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
