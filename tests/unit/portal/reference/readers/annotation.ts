// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with.
// The validity reader (lib/portal/readers/validity.ts) is shared, not copied: it reads
// the DOM on its own, outside the page view whose fast path this oracle checks, and is
// proved by tests/unit/portal/validity-generated.test.ts instead.
// 电子证书加注、下载: the annotation info's state and validity dates.
//   empty → none; 加注件已过期 → expired; 证书生成中… → generating; [下载] works → valid.
// The validity is read by its labels (./validity.ts); when it cannot be read for sure the
// reading says "ask", with the dates it found, and the guide asks the holder.
import { beijingDateAt } from '../../../../../lib/dates/beijing';
import { controlsNamed, findMessage, firstControl, labelValue, type PageView } from '../page';
import { warning } from '../lines';
import { compact, isHidden, type Control } from '../text';
import type { AnnotationPageState, GuideLine } from '../types';
import { isCertificateNumber } from './certificates';
import { readValidity } from '../../../../../lib/portal/readers/validity';

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
  problems: GuideLine[];
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
  if (download && generating) reading.alsoGenerating = true;

  const number = labelValue(view, /管理号|证书编号/);
  if (number && isCertificateNumber(compact(number))) reading.certificateNumber = compact(number);

  if (state === 'valid' || state === 'expired') {
    const root = view.doc.body ?? view.doc.documentElement;
    const v = root ? readValidity(root, beijingDateAt(view.now), (el) => isHidden(el)) : ({ kind: 'absent' } as const);
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
