// 证书加注: the application form (使用场景, 加注有效期), and its confirmation.
// Next: [提交加注申请]. Advises 90 days when less is chosen; the quota lines come from the
// stored history (the panel adds apply_quota_* from the background's answer).
import { findLabel, findMessage, firstControl, labelValue, readPage } from '../page';
import { hint, recognised, warning } from '../lines';
import { CONFIRMED, isSubmittedConfirmation, readChosenValidityDays, SUBMIT } from '../readers/apply-form';
import { isCertificateNumber } from '../readers/certificates';
import { compact } from '../text';
import { SCENARIO } from '../application';
import type { GuideLine, PortalMessage, RecognitionBase, StepModule } from '../types';

export const RECOMMENDED_DAYS = 90;

export interface AnnotationApplyRecognition extends RecognitionBase<'annotation-apply'> {
  /** The certificate the form is about (管理号 / 证书编号), if shown. */
  certificateNumber?: string;
  /** The form's chosen validity in days, if readable. */
  chosenValidityDays?: number;
  /** The page confirms that the application was submitted (加注申请提交成功). */
  applicationSubmitted?: boolean;
}

export const annotationApply: StepModule<AnnotationApplyRecognition> = {
  id: 'annotation-apply',
  specificity: 70,
  flow: { place: 7 },
  actions: ['action_annotation_apply', 'action_annotation_submitted'],
  recognise(doc, url, view = readPage(doc, url)) {
    const submit = firstControl(view, SUBMIT);
    const submitted = isSubmittedConfirmation(view) && !!findMessage(view, CONFIRMED, 40);
    const isForm = !!submit && (!!findLabel(view, /使用场景/) || !!findLabel(view, /^(?:加注)?有效期/));
    if (!isForm && !submitted) return null;

    const number = labelValue(view, /管理号|证书编号/);
    const certificateNumber = number && isCertificateNumber(compact(number)) ? compact(number) : undefined;
    const days = readChosenValidityDays(view);
    const base = {
      ...(certificateNumber ? { certificateNumber } : {}),
      ...(days !== undefined ? { chosenValidityDays: days } : {}),
    };
    if (submitted) {
      return recognised(annotationApply, null, undefined, {
        ...base,
        applicationSubmitted: true,
        actionKey: 'action_annotation_submitted',
        lines: [hint('apply_submitted')],
      });
    }
    const lines: GuideLine[] = [hint('apply_check_info'), hint('apply_scenario'), hint('apply_validity_max')];
    if (days !== undefined && days < RECOMMENDED_DAYS) lines.push(warning('apply_validity_under_90', { days }));
    const problems: GuideLine[] = days === undefined ? [warning('problem_validity_days_unreadable')] : [];
    return recognised(annotationApply, submit?.disabled ? null : submit, 'target_missing_submit', {
      ...base,
      actionKey: 'action_annotation_apply',
      lines,
      ...(problems.length ? { readingProblems: problems } : {}),
    });
  },
  reading(r) {
    const out: ReturnType<NonNullable<StepModule['reading']>> = {};
    if (r.certificateNumber) out.certificateNumber = r.certificateNumber;
    if (r.chosenValidityDays !== undefined) out.chosenValidityDays = r.chosenValidityDays;
    if (r.applicationSubmitted) out.applicationSubmitted = true;
    return out;
  },
  panel(reading) {
    // The quota and readiness belong to the certificate the form names.
    if (reading.applicationSubmitted === true) return { submitted: true, perCertificate: true };
    return { applying: true, quota: 'count', applicationForm: true, perCertificate: true };
  },
  // The holder's click on [提交加注申请]: the application is remembered until a page confirms it.
  clicked(r, control, context) {
    const t = r.target;
    if (!t || !(t === control || t.contains(control) || control.contains(t))) return null;
    // Read the form as it is at the moment of the click.
    const fresh = context.again() ?? annotationApply.reading!(r);
    const days = fresh.chosenValidityDays ?? r.chosenValidityDays;
    const number = fresh.certificateNumber ?? context.certificateNumber;
    const application: { validityDays?: number; certificateNumber?: string } = {};
    if (days) application.validityDays = days;
    if (number) application.certificateNumber = number;
    const message: PortalMessage = { type: 'guide/apply-submitted', scenario: SCENARIO };
    if (application.validityDays) message.validityDays = application.validityDays;
    if (number) message.certificateNumber = number;
    return { message, application };
  },
};
