// Every message between the content scripts, popup, options and background, declared
// once, with the answer it gets (Replies). A message is untrusted until it parses here;
// the background drops anything else. The content script imports only the types of this
// file (`import type`): zod stays out of its bundle (tests/unit/architecture/layers.test.ts).
import { z } from './model/zod';
import { AnnotationState, beijingDate, CertificateStatus, SettingsSchema, type Settings } from './model/schemas';
import type { GuideContext, RecordResult } from './guide/protocol';
import { STEP_IDS } from './portal/steps/ids';

/** One certificate row as read from the portal's certificate list. */
export const CertificateReading = z.strictObject({
  number: z.string().trim().min(1).max(64),
  qualification: z.string().trim().min(1).max(200),
  level: z.string().trim().max(100).optional(),
  holderName: z.string().trim().max(100).optional(),
  approvalDate: beijingDate.optional(),
  status: CertificateStatus,
});
export type CertificateReading = z.infer<typeof CertificateReading>;

/** What the annotation page shows. */
export const AnnotationReading = z.strictObject({
  certificateNumber: z.string().trim().min(1).max(64).optional(),
  state: z.enum(['none', ...AnnotationState.options]),
  validFrom: beijingDate.optional(),
  validUntil: beijingDate.optional(),
  /** read: the dates are the page's; ask: the page shows it valid but its last day could not be read. */
  validity: z.enum(['read', 'ask']).optional(),
  /** [下载] of an older annotation beside 证书生成中: the dates are that older one's. */
  alsoGenerating: z.boolean().optional(),
});
export type AnnotationReading = z.infer<typeof AnnotationReading>;

const GuideLineSchema = z.strictObject({
  kind: z.enum(['hint', 'warning']),
  key: z.string().max(80),
  params: z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).optional(),
});

/** A frame's recognition (lib/guide/report.ts), relayed to the tab's top frame. */
export const FrameReportSchema = z.strictObject({
  step: z.string().max(40),
  specificity: z.number(),
  actionKey: z.string().max(80).optional(),
  hasTarget: z.boolean(),
  targetMissingKey: z.string().max(80).optional(),
  lines: z.array(GuideLineSchema).max(50),
  readingProblems: z.array(GuideLineSchema).max(50),
  annotationState: z.string().max(40).optional(),
  showsRecords: z.boolean(),
  certificateCount: z.number().int().min(0),
  certificateNumber: z.string().max(64).optional(),
  chosenValidityDays: z.number().int().optional(),
  applicationSubmitted: z.boolean().optional(),
  lastDayAsked: z.strictObject({ candidates: z.array(beijingDate).max(4) }).optional(),
});

const FrameRectSchema = z.strictObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/**
 * What the panel confirms after a recording: the one description of a note, in a frame's
 * message and in the panel alike (lib/guide/frames.ts `Note` is this type).
 */
const NoteSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('certificates'), saved: z.number().int().min(0) }),
  z.strictObject({
    kind: z.literal('annotation'),
    state: z.string().max(40),
    validUntil: beijingDate.optional(),
    lastDay: z.enum(['portal', 'estimated', 'unknown']).optional(),
    change: z.string().max(40).optional(),
    pageUntil: beijingDate.optional(),
  }),
  z.strictObject({ kind: z.literal('applied'), days: z.number().int().min(1).max(90) }),
  z.strictObject({ kind: z.literal('problem'), reason: z.enum(['no-certificate', 'no-dates', 'bad-date', 'error']) }),
]);
export type Note = z.infer<typeof NoteSchema>;

export const Message = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('portal/certificates-seen'), certificates: z.array(CertificateReading).max(500) }),
  z.strictObject({ type: z.literal('portal/annotation-seen'), reading: AnnotationReading }),
  z.strictObject({
    type: z.literal('portal/annotation-applied'),
    certificateNumber: z.string().trim().min(1).max(64).optional(),
    validityDays: z.number().int().min(1).max(90),
    scenario: z.string().trim().min(1).max(50),
  }),
  /**
   * The holder gave an annotation's last valid day in the panel (a trusted click), because the
   * page showed it valid but its validity could not be read, or read differently from what
   * was stored.
   */
  z.strictObject({
    type: z.literal('guide/annotation-last-day'),
    certificateNumber: z.string().trim().min(1).max(64),
    validUntil: beijingDate,
  }),
  /** The holder clicked [下载] on this certificate's row: later pages of the tab are about it. */
  z.strictObject({ type: z.literal('guide/certificate-chosen'), certificateNumber: z.string().trim().min(1).max(64) }),
  /** The holder clicked [提交加注申请]; kept for the tab until the portal confirms it. */
  z.strictObject({
    type: z.literal('guide/apply-submitted'),
    certificateNumber: z.string().trim().min(1).max(64).optional(),
    validityDays: z.number().int().min(1).max(90).optional(),
    scenario: z.string().trim().min(1).max(50).optional(),
  }),
  /** The guide asks what it needs to know: consent, panel state, quota of a certificate. */
  z.strictObject({
    type: z.literal('guide/context'),
    certificateNumber: z.string().trim().min(1).max(64).optional(),
    /** The page's browser language as the guide resolved it, and the one _locales gives it: strings come back when they differ. */
    locale: z.enum(['zh_CN', 'en']).optional(),
    haveLocale: z.enum(['zh_CN', 'en']).optional(),
  }),
  /** The tab shows this step now; the answer is the step of the flow it showed before (lib/background/tab-step.ts). */
  z.strictObject({
    type: z.literal('guide/step-seen'),
    step: z.enum([...STEP_IDS, 'unknown']),
  }),
  z.strictObject({ type: z.literal('settings/update'), patch: SettingsSchema.partial() }),
  /**
   * A frame below the top reports what it recognises; the background relays it to the
   * tab's top frame with the sender's frameId, which no page script can forge. `token`
   * pairs it with the frame's window for geometry only (lib/guide/top.tsx).
   */
  z.strictObject({ type: z.literal('guide/frame-report'), token: z.string().min(8).max(40), report: FrameReportSchema, rect: FrameRectSchema.nullable() }),
  z.strictObject({ type: z.literal('guide/frame-note'), note: NoteSchema }),
  z.strictObject({ type: z.literal('guide/frame-bye'), token: z.string().min(8).max(40) }),
  /** The top frame speaks to one frame of its tab (or all of them), through the background. */
  z.strictObject({
    type: z.literal('guide/to-frames'),
    frameId: z.number().int().min(1).optional(),
    say: z.enum(['hello', 'consent', 'active']),
    active: z.boolean().optional(),
    visible: z.boolean().optional(),
  }),
  /** An extension page changed stored records: re-plan reminders and the badge. */
  z.strictObject({ type: z.literal('data/changed') }),
  /**
   * The welcome page asks for a test notification, so that the holder sees reminders reach
   * them. Extension pages only (lib/background/sender.ts): no portal page may make the
   * browser show something in the extension's name.
   */
  z.strictObject({ type: z.literal('reminders/test-notification') }),
]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Kept only when every message type is a key: a type without its answer does not compile. */
type EveryType<R extends { [T in MessageType]: unknown }> = R;
export type Done = { ok: true };

/**
 * The answer to each message, as lib/background/router.ts gives it (its handlers are typed
 * by this map) and `send()` returns it (lib/guide/messaging.ts).
 */
export type Replies = EveryType<{
  'portal/certificates-seen': RecordResult;
  'portal/annotation-seen': RecordResult;
  'portal/annotation-applied': RecordResult;
  'guide/annotation-last-day': RecordResult;
  'guide/certificate-chosen': Done | { ok: false; reason: 'no-consent' };
  'guide/apply-submitted': Done | { ok: false; reason: 'no-consent' };
  'guide/context': GuideContext;
  'guide/step-seen': { lastFlowStep: string | null };
  'settings/update': { ok: true; settings?: Settings } | { ok: false; reason: 'not-allowed' };
  'data/changed': Done;
  'guide/frame-report': Done | { ok: false };
  'guide/frame-note': Done | { ok: false };
  'guide/frame-bye': Done | { ok: false };
  'guide/to-frames': Done | { ok: false };
  'reminders/test-notification': TestNotificationResult;
}>;

/** The welcome page's test notification: shown, blocked by the browser, or failed. */
export type TestNotificationResult = { ok: true } | { ok: false; reason: 'blocked' | 'failed' };

/** What the router answers when a handler throws (a closed database, say). */
export type Failed = { ok: false; reason: 'error' };

/**
 * What a sender receives: the answer, or Failed; undefined when nothing answered (the
 * sender may not ask this, its tab asked too often, or the extension context is gone).
 */
export type Answer<T extends MessageType> = Replies[T] | Failed | undefined;
