// Certificates: which need an annotation. Their shape is in schemas.ts.
import type { BeijingDate } from '../dates/beijing';
import type { Certificate } from './schemas';

export type { Certificate, CertificateStatus, RecordSource } from './schemas';

/** How a certificate is named to the holder, in the popup and in the panel: "经济专业技术资格 · 中级". */
export function certificateName(c: { qualification: string; level?: string }): string {
  return c.level ? `${c.qualification} · ${c.level}` : c.qualification;
}

/** The day e-certificates began to need annotation (人社厅发〔2021〕97号). */
export const ANNOTATION_START: BeijingDate = '2021-12-17';

/**
 * The 7 qualifications whose e-certificates carry an association's seal (docs/PORTAL.md;
 * verified: 拍卖师, 税务师, 银行业专业人员). Matched on the qualification name.
 */
export const ASSOCIATION_SEAL_QUALIFICATIONS = ['银行业专业人员', '拍卖师', '税务师'];

export function isAssociationSeal(qualification: string): boolean {
  return ASSOCIATION_SEAL_QUALIFICATIONS.some((name) => qualification.includes(name));
}

/**
 * Whether the certificate must be annotated before download. Association-seal
 * certificates issued before 2021-12-17 can be downloaded directly.
 */
export function needsAnnotation(cert: Pick<Certificate, 'qualification' | 'approvalDate' | 'annotationRequired'>): boolean {
  if (cert.annotationRequired !== undefined) return cert.annotationRequired;
  if (cert.approvalDate && cert.approvalDate < ANNOTATION_START && isAssociationSeal(cert.qualification)) return false;
  return true;
}
