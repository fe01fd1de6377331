// Association-seal certificates issued before 2021-12-17 need no annotation (docs/PORTAL.md).
// The same rule as lib/model/certificate.ts (needsAnnotation), repeated here because the
// content script must not bundle zod; a unit test keeps the two in step.

export const ANNOTATION_START = '2021-12-17';
export const ASSOCIATION_SEAL_QUALIFICATIONS = ['银行业专业人员', '拍卖师', '税务师'] as const;

/** True when the list can say "no annotation needed" for this certificate. */
export function needsNoAnnotation(qualification: string, approvalDate: string | undefined): boolean {
  return (
    !!approvalDate &&
    approvalDate < ANNOTATION_START &&
    ASSOCIATION_SEAL_QUALIFICATIONS.some((name) => qualification.includes(name))
  );
}
