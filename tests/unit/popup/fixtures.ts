// Records for the popup, options and calendar tests, built relative to one instant.
import { addDays, beijingDateAt, startOfBeijingDay } from '../../../lib/dates/beijing';
import type { Annotation } from '../../../lib/model/annotation';
import type { Certificate } from '../../../lib/model/certificate';

/** 2026-03-10 10:00 in Beijing. */
export const NOW = Date.parse('2026-03-10T02:00:00Z');
export const TODAY = beijingDateAt(NOW);

export function cert(number: string, extra: Partial<Certificate> = {}): Certificate {
  return {
    number,
    qualification: '社会工作者',
    level: '中级',
    approvalDate: '2023-06-01',
    status: 'valid',
    source: 'portal',
    createdAt: NOW - 86_400_000 * 30,
    updatedAt: NOW - 86_400_000 * 30,
    ...extra,
  };
}

/** An annotation applied for `appliedDaysAgo` days ago (at 09:00 Beijing), valid `validityDays` from that day. */
export function ann(
  id: string,
  certificateNumber: string,
  appliedDaysAgo: number,
  extra: Partial<Annotation> = {},
  validityDays = 90,
): Annotation {
  const day = addDays(TODAY, -appliedDaysAgo);
  const appliedAt = startOfBeijingDay(day) + 9 * 3_600_000;
  return {
    id,
    certificateNumber,
    appliedAt,
    appliedAtEstimated: false,
    validityDays,
    scenario: '本人调用',
    state: 'valid',
    validFrom: { date: day, source: 'portal' },
    validUntil: { date: addDays(day, validityDays - 1), source: 'portal' },
    source: 'portal',
    updatedAt: appliedAt + 86_400_000,
    ...extra,
  };
}
