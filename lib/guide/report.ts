// A frame's recognition as plain data: what crosses between frames (postMessage) and
// what the panel is built from. Elements stay in their frame.
import { UNKNOWN_STEP, type GuideLine, type RecognitionBase, type StepReading } from '../portal/types';
import { readingOf, type StepId } from '../portal/steps';

export interface FrameReport extends StepReading {
  step: StepId;
  specificity: number;
  actionKey?: string;
  hasTarget: boolean;
  targetMissingKey?: string;
  lines: GuideLine[];
  readingProblems: GuideLine[];
  /** The page shows certificates or an annotation: what the consent question is about. */
  showsRecords: boolean;
  certificateCount: number;
}

export const UNKNOWN_REPORT: FrameReport = {
  step: UNKNOWN_STEP,
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

export function toReport(rec: RecognitionBase<StepId>): FrameReport {
  const report: FrameReport = {
    step: rec.step,
    specificity: Number.isFinite(rec.specificity) ? rec.specificity : 0,
    hasTarget: !!rec.target,
    lines: plainLines(rec.lines),
    readingProblems: plainLines(rec.readingProblems),
    showsRecords: false,
    certificateCount: 0,
  };
  if (rec.actionKey) report.actionKey = rec.actionKey;
  if (!rec.target && rec.targetMissingKey) report.targetMissingKey = rec.targetMissingKey;
  // The step's own readings (lib/portal/steps/*, reading).
  return { ...report, ...readingOf(rec) };
}

/** The most specific report wins; on a tie, the first one (the top frame's is first). */
export function pickWinner<K>(reports: Iterable<[K, FrameReport]>): [K, FrameReport] | undefined {
  let best: [K, FrameReport] | undefined;
  for (const entry of reports) if (!best || entry[1].specificity > best[1].specificity) best = entry;
  return best;
}

// The readings sent to the background are the steps' own (lib/portal/steps/*).
export { certificateReading } from '../portal/steps/cert-list';
export { annotationReading } from '../portal/steps/annotation';
