// Records for tests, built from Beijing days so that no test depends on the machine's zone.
import { addDays, startOfBeijingDay, type BeijingDate } from '../../../lib/dates/beijing';
import { estimateValidity, type Annotation, type AnnotationState } from '../../../lib/model/annotation';
import type { Certificate } from '../../../lib/model/certificate';

const HOUR = 3_600_000;

/** An instant at `hour` o'clock Beijing time on `day`. */
export function beijingInstant(day: BeijingDate, hour = 12): number {
  return startOfBeijingDay(day) + hour * HOUR;
}

export function certificate(number: string, overrides: Partial<Certificate> = {}): Certificate {
  return {
    number,
    qualification: '社会工作者',
    level: '中级',
    status: 'valid',
    source: 'portal',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

let seq = 0;

/** An annotation applied for on `appliedOn` (10:00 Beijing), with the estimated validity. */
export function annotation(
  certificateNumber: string,
  appliedOn: BeijingDate,
  validityDays = 90,
  state: AnnotationState = 'valid',
  overrides: Partial<Annotation> = {},
): Annotation {
  const appliedAt = beijingInstant(appliedOn, 10);
  return {
    id: `a${++seq}-${appliedOn}`,
    certificateNumber,
    appliedAt,
    appliedAtEstimated: false,
    validityDays,
    scenario: '本人调用',
    state,
    ...estimateValidity(appliedAt, validityDays),
    source: 'portal',
    updatedAt: appliedAt,
    ...overrides,
  };
}

/** Every day from `from` to `until`, both included. */
export function eachDay(from: BeijingDate, until: BeijingDate): BeijingDate[] {
  const out: BeijingDate[] = [];
  for (let d = from; d <= until; d = addDays(d, 1)) out.push(d);
  return out;
}
