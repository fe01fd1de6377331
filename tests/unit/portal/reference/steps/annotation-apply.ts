// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// 证书加注: the application form (使用场景, 加注有效期), and its confirmation.
// Next: [提交加注申请]. Advises 90 days when less is chosen; the quota lines come from the
// stored history (the panel adds apply_quota_* from the background's answer).
import { findLabel, findMessage, firstControl, labelValue, readPage } from '../page';
import { hint, recognised, warning } from '../lines';
import { CONFIRMED, isSubmittedConfirmation, readChosenValidityDays, SUBMIT } from '../readers/apply-form';
import { isCertificateNumber } from '../readers/certificates';
import { compact } from '../text';
import type { GuideLine, StepModule } from '../types';

export const examples = [
  'annotation-apply/apply-select-days-table.html',
  'annotation-apply/apply-number-div.html',
  'annotation-apply/apply-date-range-link.html',
  'annotation-apply/apply-submitted.html',
] as const;

export const RECOMMENDED_DAYS = 90;

export const annotationApply: StepModule = {
  id: 'annotation-apply',
  examples,
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
      return recognised('annotation-apply', null, undefined, {
        ...base,
        applicationSubmitted: true,
        actionKey: 'action_annotation_submitted',
        lines: [hint('apply_submitted')],
      });
    }
    const lines: GuideLine[] = [hint('apply_check_info'), hint('apply_scenario'), hint('apply_validity_max')];
    if (days !== undefined && days < RECOMMENDED_DAYS) lines.push(warning('apply_validity_under_90', { days }));
    const problems: GuideLine[] = days === undefined ? [warning('problem_validity_days_unreadable')] : [];
    return recognised('annotation-apply', submit?.disabled ? null : submit, 'target_missing_submit', {
      ...base,
      actionKey: 'action_annotation_apply',
      lines,
      ...(problems.length ? { readingProblems: problems } : {}),
    });
  },
};
