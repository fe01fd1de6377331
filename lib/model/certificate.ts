import { z } from './zod';
import { isBeijingDate, type BeijingDate } from '../dates/beijing';

export const beijingDate = z.string().refine(isBeijingDate, { message: 'not a real calendar date (YYYY-MM-DD)' });

/** 有效 = a real, valid certificate; 已撤销 = withdrawn, void. */
export const CertificateStatus = z.enum(['valid', 'withdrawn', 'unknown']);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const RecordSource = z.enum(['portal', 'manual']);
export type RecordSource = z.infer<typeof RecordSource>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const CertificateSchema = z.strictObject({
  /** 证书编号 or 管理号: the key; the same number is the same certificate. */
  number: text(64),
  /** 资格名称, e.g. 社会工作者 */
  qualification: text(200),
  /** 级别, e.g. 中级 */
  level: z.string().trim().max(100).optional(),
  holderName: z.string().trim().max(100).optional(),
  /** 批准日期 */
  approvalDate: beijingDate.optional(),
  status: CertificateStatus,
  /** Set by hand when the holder knows better than the rule in needsAnnotation(). */
  annotationRequired: z.boolean().optional(),
  source: RecordSource,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Certificate = z.infer<typeof CertificateSchema>;

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
