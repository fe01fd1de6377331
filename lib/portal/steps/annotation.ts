// 电子证书加注、下载: the annotation-and-download page.
// Next: none / expired → [申请证书加注]; generating → nothing (wait); valid → [下载].
// Where applying again would waste one of the 3 slots (generating, valid) it says so.
import { findLabel, firstControl, pageMentions, readPage } from '../page';
import { hint, recognised, warning, type PortalKey } from '../lines';
import { readAnnotation } from '../readers/annotation';
import { isSubmittedConfirmation } from '../readers/apply-form';
import { clip } from '../text';
import { isBeijingDate } from '../../dates/beijing';
import type { AnnotationPageState, AnnotationShown, GuideLine, RecognitionBase, StepModule, StepReading } from '../types';

/** The page names its annotation block (加注信息, 证书加注信息) or itself (电子证书加注、下载). */
const CONTEXT = /^(?:证书)?加注信息|^电子证书加注|^证书加注$|^(?:加注)?有效期|^加注状态/;

export interface AnnotationRecognition extends RecognitionBase<'annotation'> {
  annotationState?: AnnotationPageState;
  /** What the page shows of the annotation (read only with consent). */
  annotation?: AnnotationShown;
  /** The certificate the page is about (管理号 / 证书编号), if shown. */
  certificateNumber?: string;
}

/** The certificate the page names, in its annotation block or beside it. */
const certificateNumberOf = (r: Pick<AnnotationRecognition, 'annotation' | 'certificateNumber'>): string | undefined => r.annotation?.certificateNumber || r.certificateNumber || undefined;

/** The annotation as the background accepts it: the page's certificate number and real dates only. */
export function annotationReading(r: Pick<AnnotationRecognition, 'annotation' | 'certificateNumber'>): Record<string, string | boolean> | null {
  const a = r.annotation;
  if (!a) return null;
  const out: Record<string, string | boolean> = { state: a.state };
  const number = clip(certificateNumberOf(r), 64);
  if (number) out.certificateNumber = number;
  if (isBeijingDate(a.validFrom)) out.validFrom = a.validFrom;
  if (isBeijingDate(a.validUntil)) out.validUntil = a.validUntil;
  if (a.validity === 'read' || a.validity === 'ask') out.validity = a.validity;
  if (a.alsoGenerating === true) out.alsoGenerating = true;
  return out;
}

export const annotation: StepModule<AnnotationRecognition> = {
  id: 'annotation',
  specificity: 60,
  flow: { place: 6 },
  actions: ['action_annotation_none', 'action_annotation_expired', 'action_annotation_generating', 'action_annotation_valid'],
  recognise(doc, url, view = readPage(doc, url), details = {}) {
    if (firstControl(view, ['提交加注申请']) || isSubmittedConfirmation(view)) return null;
    if (!findLabel(view, CONTEXT) && !pageMentions(view, /加注/, 0)) return null;
    const r = readAnnotation(view, details.validity);
    if (!r.evidence) return null;

    const lines: GuideLine[] = [];
    let target = null;
    let missing: PortalKey | undefined;
    let actionKey: PortalKey;
    switch (r.state) {
      case 'none':
        lines.push(warning('annotation_none'), hint('annotation_what'), hint('annotation_check_info'));
        [target, missing, actionKey] = [r.apply, 'target_missing_apply', 'action_annotation_none'];
        break;
      case 'expired':
        lines.push(warning('annotation_expired'), hint('annotation_check_info'));
        [target, missing, actionKey] = [r.apply, 'target_missing_apply', 'action_annotation_expired'];
        break;
      case 'generating':
        lines.push(hint('annotation_generating'), hint('annotation_generating_ready'), warning('annotation_generating_no_reapply'));
        actionKey = 'action_annotation_generating';
        break;
      case 'valid':
        lines.push(hint('annotation_valid'));
        if (r.validUntil) lines.push(hint('annotation_valid_until', { date: r.validUntil }));
        if (r.taken) lines.push(hint(r.taken.which === 'current' ? 'annotation_valid_taken_current' : 'annotation_valid_taken_latest', { n: r.taken.shown }));
        if (r.alsoGenerating) lines.push(hint('annotation_valid_also_generating'));
        lines.push(hint('annotation_valid_file'), hint('annotation_valid_no_reapply'));
        [target, missing, actionKey] = [r.download, 'target_missing_download', 'action_annotation_valid'];
        break;
    }
    const reading: AnnotationShown = { state: r.state };
    if (r.certificateNumber) reading.certificateNumber = r.certificateNumber;
    if (r.validFrom) reading.validFrom = r.validFrom;
    if (r.validUntil) reading.validUntil = r.validUntil;
    if (r.validity) reading.validity = r.validity;
    if (r.candidates) reading.candidates = r.candidates;
    if (r.alsoGenerating) reading.alsoGenerating = true;
    return recognised(annotation, target, missing, {
      actionKey,
      annotationState: r.state,
      annotation: reading,
      ...(r.certificateNumber ? { certificateNumber: r.certificateNumber } : {}),
      lines,
      ...(r.problems.length ? { readingProblems: r.problems } : {}),
      ...(r.validityPending ? { detailsPending: true } : {}),
    });
  },
  reading(r) {
    const out: StepReading = { showsRecords: !!r.annotation && r.annotation.state !== 'none' };
    if (r.detailsPending) out.detailsPending = true;
    if (r.annotationState) out.annotationState = r.annotationState;
    const number = certificateNumberOf(r);
    if (number) out.certificateNumber = number;
    const a = r.annotation;
    if (a?.state === 'valid' && a.validity === 'ask') {
      out.lastDayAsked = { candidates: (a.candidates ?? []).filter((d) => isBeijingDate(d)).slice(0, 4) };
    }
    return out;
  },
  panel(reading) {
    const state = reading.annotationState;
    return {
      applying: state === 'none' || state === 'expired',
      // Here the quota is said only when it stops the holder applying.
      quota: 'when-full',
      ...(state === 'generating'
        ? {
            generating: {
              readyLine: 'annotation_generating_ready',
              readyAtLine: 'annotation_generating_ready_at',
              overdueLine: 'annotation_generating_overdue',
              overdueAction: 'action_annotation_generating_overdue',
            },
          }
        : {}),
      lastDay: { replacesProblem: 'problem_validity_unreadable' },
      noReapplyLines: ['annotation_generating_no_reapply', 'annotation_valid_no_reapply'],
      perCertificate: true,
    };
  },
  // With consent the annotation shown is remembered; what is stored then decides whether
  // the panel asks for the last day (or says when a generating one should be ready).
  seen(r) {
    // Its validity not read yet: recorded once it is (the page is read again then).
    if (r.detailsPending) return [];
    const reading = annotationReading(r);
    if (!reading || reading.state === 'none') return [];
    return [{ message: { type: 'portal/annotation-seen', reading }, refresh: reading.state === 'generating' || reading.validity === 'ask' }];
  },
};
