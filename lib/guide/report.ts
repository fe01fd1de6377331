// A frame's recognition as plain data: what crosses between frames (postMessage) and
// what the panel is built from. Elements stay in their frame.
import type { AnnotationPageState, CertificateRow, GuideLine, Recognition, StepId } from '../portal/types';
import { isBeijingDate } from '../dates/beijing';
import type { AnnotationReading, CertificateReading } from '../messages';

export interface FrameReport {
  step: StepId;
  specificity: number;
  actionKey?: string;
  hasTarget: boolean;
  targetMissingKey?: string;
  lines: GuideLine[];
  readingProblems: GuideLine[];
  annotationState?: AnnotationPageState;
  /** The page shows certificates or an annotation: what the consent question is about. */
  showsRecords: boolean;
  certificateCount: number;
  certificateNumber?: string;
  chosenValidityDays?: number;
  applicationSubmitted?: boolean;
  /** The annotation page shows it valid but its last day could not be read: the holder is asked (dates found, latest first). */
  lastDayAsked?: { candidates: string[] };
}

export const UNKNOWN_REPORT: FrameReport = {
  step: 'unknown',
  specificity: 0,
  hasTarget: false,
  lines: [],
  readingProblems: [],
  showsRecords: false,
  certificateCount: 0,
};

/** Plain-text line params only (numbers and strings survive, anything else is dropped). */
function plainLines(lines: readonly GuideLine[] | undefined): GuideLine[] {
  const out: GuideLine[] = [];
  for (const l of lines ?? []) {
    if (!l || typeof l.key !== 'string') continue;
    const line: GuideLine = { kind: l.kind === 'warning' ? 'warning' : 'hint', key: l.key };
    if (l.params) {
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(l.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      line.params = params;
    }
    out.push(line);
  }
  return out;
}

export function certificateNumberOf(rec: Recognition): string | undefined {
  return rec.annotation?.certificateNumber || rec.certificateNumber || undefined;
}

export function toReport(rec: Recognition): FrameReport {
  const certificateCount = rec.certificates?.length ?? 0;
  const annotationShown = !!rec.annotation && rec.annotation.state !== 'none';
  const report: FrameReport = {
    step: rec.step,
    specificity: Number.isFinite(rec.specificity) ? rec.specificity : 0,
    hasTarget: !!rec.target,
    lines: plainLines(rec.lines),
    readingProblems: plainLines(rec.readingProblems),
    showsRecords: certificateCount > 0 || annotationShown,
    certificateCount,
  };
  if (rec.actionKey) report.actionKey = rec.actionKey;
  if (!rec.target && rec.targetMissingKey) report.targetMissingKey = rec.targetMissingKey;
  if (rec.annotationState) report.annotationState = rec.annotationState;
  const number = certificateNumberOf(rec);
  if (number) report.certificateNumber = number;
  if (rec.chosenValidityDays !== undefined) report.chosenValidityDays = rec.chosenValidityDays;
  if (rec.applicationSubmitted) report.applicationSubmitted = true;
  const a = rec.annotation;
  if (a?.state === 'valid' && a.validity === 'ask') {
    report.lastDayAsked = { candidates: (a.candidates ?? []).filter((d) => isBeijingDate(d)).slice(0, 4) };
  }
  return report;
}

/** The most specific report wins; on a tie, the first one (the top frame's is first). */
export function pickWinner<K>(reports: Iterable<[K, FrameReport]>): [K, FrameReport] | undefined {
  let best: [K, FrameReport] | undefined;
  for (const entry of reports) if (!best || entry[1].specificity > best[1].specificity) best = entry;
  return best;
}

// ------------------------------------------------ readings sent to the background

const clip = (s: string | undefined, max: number) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t && t.length <= max ? t : undefined;
};

/**
 * One certificate row in the shape the background accepts, or null when the row lacks
 * what identifies it. The holder's name is not kept (not needed for reminders).
 */
export function certificateReading(row: CertificateRow): CertificateReading | null {
  const number = clip(row.number, 64);
  const qualification = clip(row.qualification, 200);
  if (!number || !qualification) return null;
  const out: CertificateReading = {
    number,
    qualification,
    status: row.status === 'valid' || row.status === 'withdrawn' ? row.status : 'unknown',
  };
  const level = clip(row.level, 100);
  if (level) out.level = level;
  if (isBeijingDate(row.approvalDate)) out.approvalDate = row.approvalDate;
  return out;
}

export function annotationReading(rec: Recognition): AnnotationReading | null {
  const a = rec.annotation;
  if (!a) return null;
  const out: AnnotationReading = { state: a.state };
  const number = clip(certificateNumberOf(rec), 64);
  if (number) out.certificateNumber = number;
  if (isBeijingDate(a.validFrom)) out.validFrom = a.validFrom;
  if (isBeijingDate(a.validUntil)) out.validUntil = a.validUntil;
  if (a.validity === 'read' || a.validity === 'ask') out.validity = a.validity;
  if (a.alsoGenerating === true) out.alsoGenerating = true;
  return out;
}
