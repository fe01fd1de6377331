// 电子证书加注、下载: the annotation info's state and validity dates.
//   empty → none; 加注件已过期 → expired; 证书生成中… → generating; [下载] works → valid.
// The validity is read by its labels (./validity.ts, handed in: the content script loads
// it only on these pages); when it cannot be read for sure, or the reader could not be
// loaded, the reading says "ask", with the dates it found, and the guide asks the holder.
import { beijingDateAt } from '../../dates/beijing';
import { controlsNamed, findMessage, firstControl, isHiddenIn, labelValue, type PageView } from '../page';
import { warning } from '../lines';
import { compact, type Control } from '../text';
import type { AnnotationPageState, Details, GuideLine } from '../types';
import { isCertificateNumber } from './certificates';
import type { ValidityReading } from './validity';

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
  /** read: the dates above are the page's; ask: the page shows an annotation whose last day could not be read for sure. */
  validity?: 'read' | 'ask';
  /** When asking: dates the page shows under a validity label, latest first (choices for the holder). */
  candidates?: string[];
  /** Several validities listed (a history): which one was taken. */
  taken?: { which: 'current' | 'latest'; shown: number };
  /** [下载] works for an older annotation while a new application is generating. */
  alsoGenerating?: boolean;
  certificateNumber?: string;
  /** The validity reader was still loading: the validity is not read yet (nothing is said of it). */
  validityPending?: boolean;
  problems: GuideLine[];
}

/** What a validity reader that could not be loaded gives: nothing placed, so the holder is asked. */
const NOT_READ: ValidityReading = { kind: 'ask', reason: 'unlabelled', candidates: [] };

export function readAnnotation(view: PageView, validity: Details['validity']): AnnotationReading {
  const problems: GuideLine[] = [];
  const apply = firstControl(view, APPLY, { enabledOnly: true });
  const download = controlsNamed(view, DOWNLOAD, { enabledOnly: true })[0];
  const generating = findMessage(view, GENERATING, 12);
  const expired = findMessage(view, EXPIRED, 12);
  const state: AnnotationPageState = download ? 'valid' : generating ? 'generating' : expired ? 'expired' : 'none';
  const reading: AnnotationReading = { state, evidence: !!(apply || generating || expired || download), problems };
  if (apply) reading.apply = apply;
  if (download) reading.download = download;
  if (download && generating) reading.alsoGenerating = true;

  const number = labelValue(view, /管理号|证书编号/);
  if (number && isCertificateNumber(compact(number))) reading.certificateNumber = compact(number);

  if ((state === 'valid' || state === 'expired') && validity === 'loading') {
    reading.validityPending = true;
  } else if (state === 'valid' || state === 'expired') {
    const root = view.doc.body ?? view.doc.documentElement;
    let v: ValidityReading = { kind: 'absent' };
    if (root) v = validity && validity !== 'loading' ? validity(root, beijingDateAt(view.now), (el) => isHiddenIn(view, el)) : NOT_READ;
    if (v.kind === 'read') {
      reading.validity = 'read';
      if (v.from) reading.validFrom = v.from;
      reading.validUntil = v.until;
      if (v.taken !== 'only') reading.taken = { which: v.taken, shown: v.shown };
    } else if (state === 'valid') {
      // Valid, but its last day is not for sure: remembered as such, and the holder is asked.
      reading.validity = 'ask';
      if (v.kind === 'ask' && v.candidates.length) reading.candidates = v.candidates;
      problems.push(warning('problem_validity_unreadable'));
    } else if (v.kind === 'ask') {
      problems.push(warning('problem_validity_unreadable'));
    }
  }
  return reading;
}
