// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// 电子证书加注、下载: the annotation info's state and validity dates.
//   empty → none; 加注件已过期 → expired; 证书生成中… → generating; [下载] works → valid.
import { findDatesInText, findRangesInText } from '../../../../../lib/dates/parse';
import { controlsNamed, findMessage, firstControl, labelValue, type PageView } from '../page';
import { warning } from '../lines';
import { compact, normaliseText, visibleTextOf, type Control } from '../text';
import type { AnnotationPageState, GuideLine } from '../types';
import { isCertificateNumber } from './certificates';

export const APPLY = ['申请证书加注', '申请加注', '重新申请加注'];
export const DOWNLOAD = ['下载', '下载证书', '下载电子证书'];
export const VIEW = ['查看', '查看证书'];
export const GENERATING = /证书生成中/;
export const EXPIRED = /加注件已过期|加注已过期/;

export interface AnnotationReading {
  state: AnnotationPageState;
  apply?: Control;
  download?: Control;
  /** Evidence that this is the annotation page at all. */
  evidence: boolean;
  validFrom?: string;
  validUntil?: string;
  certificateNumber?: string;
  problems: GuideLine[];
}

/** "有效期至 2026年12月1日": a single date that is an end date by its label. */
const UNTIL_LABEL = /(?:有效期至|有效期截止|截止日期|截止|到期日期?|有效期限至)[:：]?\s*$/;

/**
 * The validity shown near an element: climbs to the first ancestor that shows any date;
 * one range → from/until; one labelled end date → until; anything else → not read.
 */
export function validityNear(el: Element, levels = 6): { from?: string; until?: string; read: boolean } {
  let e: Element | null = el;
  for (let i = 0; e && i <= levels; i++, e = e.parentElement) {
    const text = normaliseText(visibleTextOf(e));
    const dates = findDatesInText(text);
    if (dates.length === 0) continue;
    const ranges = findRangesInText(text);
    const distinct = new Set(ranges.map((r) => `${r.from}/${r.until}`));
    if (ranges.length > 0) {
      if (distinct.size !== 1) return { read: false };
      const r = ranges[0]!;
      // Dates beside the range that are not part of it make the reading doubtful.
      if (dates.length !== 2 * ranges.length) return { read: false };
      return { from: r.from, until: r.until, read: true };
    }
    if (dates.length === 1 && UNTIL_LABEL.test(compact(text.slice(0, dates[0]!.start)))) return { until: dates[0]!.date, read: true };
    return { read: false };
  }
  return { read: false };
}

export function readAnnotation(view: PageView): AnnotationReading {
  const problems: GuideLine[] = [];
  const apply = firstControl(view, APPLY, { enabledOnly: true });
  const download = controlsNamed(view, DOWNLOAD, { enabledOnly: true })[0];
  const generating = findMessage(view, GENERATING, 12);
  const expired = findMessage(view, EXPIRED, 12);
  const state: AnnotationPageState = download ? 'valid' : generating ? 'generating' : expired ? 'expired' : 'none';
  const reading: AnnotationReading = { state, evidence: !!(apply || generating || expired || download), problems };
  if (apply) reading.apply = apply;
  if (download) reading.download = download;

  const number = labelValue(view, /管理号|证书编号/);
  if (number && isCertificateNumber(compact(number))) reading.certificateNumber = compact(number);

  const anchor = state === 'valid' ? download?.element : state === 'expired' ? expired?.element : undefined;
  if (anchor) {
    const v = validityNear(anchor);
    if (v.read) {
      if (v.from) reading.validFrom = v.from;
      if (v.until) reading.validUntil = v.until;
    } else {
      problems.push(warning('problem_validity_unreadable'));
    }
  }
  return reading;
}
