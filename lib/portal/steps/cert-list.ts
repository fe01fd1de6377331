// 证书列表: the holder's certificates, each with a status. Next: [下载] of a certificate
// whose status is 有效. Reads the rows (with consent the guide stores them).
import { controlsWhere, findLabel, findMessage, firstControl, isVisibleControl, readPage, type PageView } from '../page';
import { clip, controlKey, type Control } from '../text';
import { isBeijingDate } from '../../dates/beijing';
import { hint, recognised, warning } from '../lines';
import { needsNoAnnotation } from '../association';
import { certificateName } from '../../model/certificate';
import { readCertificatesInSlices, type ReadRow } from '../readers/certificates';
import { drain, type Sliced } from '../sliced';
import type { CertificateRow, GuideLine, RecognitionBase, StepModule } from '../types';

const DOWNLOAD = ['下载', '下载证书', '证书下载', '下载电子证书'];
const ROW_CONTROLS = [...DOWNLOAD, '证书信息', '查看'];
const EMPTY = /没有查询到|未查询到|暂无(?:证书|数据|记录)|无证书信息|没有证书|查询结果为空/;
/** Pages of later steps also show certificate details: they are not the list. */
const LATER_STEP_CONTROLS = ['申请证书加注', '提交加注申请'];

const ROW_KEYS = new Set(ROW_CONTROLS.map(controlKey));
/** Row controls placed, or rows checked, between two pauses when the list is read in slices. */
const CONTROLS_PER_SLICE = 20;
const DOWNLOAD_KEYS = new Set(DOWNLOAD.map(controlKey));

/**
 * Each row's controls named like row controls (visible or not, in document order), found
 * by climbing from each such control to the nearest row: one pass, not rows × controls.
 */
function* rowControls(view: PageView, rowElements: Element[]): Sliced<Map<Element, Control[]>> {
  const rows = new Set(rowElements);
  const out = new Map<Element, Control[]>();
  let climbed = 0;
  for (const control of controlsWhere(view, (key) => ROW_KEYS.has(key), { visibleOnly: false })) {
    if (++climbed % CONTROLS_PER_SLICE === 0) yield;
    for (let e: Element | null = control.element; e; e = e.parentElement) {
      if (!rows.has(e)) continue;
      const list = out.get(e);
      if (list) list.push(control);
      else out.set(e, [control]);
      break;
    }
  }
  return out;
}

/** The list's readings: every row the holder can act on. */
export interface CertListRecognition extends RecognitionBase<'cert-list'> {
  certificates: CertificateRow[];
}

/**
 * One certificate row in the shape the background accepts, or null when the row lacks
 * what identifies it. The holder's name is not kept (not needed for reminders).
 */
export function certificateReading(row: CertificateRow): Record<string, string> | null {
  const number = clip(row.number, 64);
  const qualification = clip(row.qualification, 200);
  if (!number || !qualification) return null;
  const out: Record<string, string> = {
    number,
    qualification,
    status: row.status === 'valid' || row.status === 'withdrawn' ? row.status : 'unknown',
  };
  const level = clip(row.level, 100);
  if (level) out.level = level;
  if (isBeijingDate(row.approvalDate)) out.approvalDate = row.approvalDate;
  return out;
}

/** The certificate number of the list row a click landed in: the nearest ancestor naming exactly one. */
export function rowCertificate(from: Element, numbers: readonly string[], stopAt: Element | null): string | undefined {
  for (let node: Element | null = from; node && node !== stopAt; node = node.parentElement) {
    const text = node.textContent ?? '';
    const found = numbers.filter((n) => text.includes(n));
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
    // A javascript: link or handler may name it: certDown('2205110000300127').
    const code = `${node.getAttribute('href') ?? ''} ${node.getAttribute('onclick') ?? ''}`;
    const inCode = numbers.filter((n) => code.includes(n));
    if (inCode.length === 1) return inCode[0];
  }
  return undefined;
}


/** The list's recognition, pausing between slices of rows (the rows are most of the work on a long list). */
function* recogniseInSlices(view: PageView): Sliced<CertListRecognition | null> {
  if (firstControl(view, LATER_STEP_CONTROLS)) return null;
  // A query form (the employer's 证书查询) asks for a captcha; the holder's list does not.
  if (findLabel(view, /验证码/)) return null;
  const reading = yield* readCertificatesInSlices(view);

  const controlsOf = yield* rowControls(view, reading.rows.map((r) => r.element));
  // A row is one the holder can act on: it shows a visible row control.
  const rows: ReadRow[] = [];
  for (let i = 0; i < reading.rows.length; i++) {
    if (i > 0 && i % CONTROLS_PER_SLICE === 0) yield;
    const r = reading.rows[i]!;
    if (controlsOf.get(r.element)?.some((c) => isVisibleControl(view, c))) rows.push(r);
  }

  if (rows.length === 0) {
    if (!reading.headerFound || !findMessage(view, EMPTY, 16)) return null;
    return recognised(certList, null, undefined, {
      actionKey: 'action_cert_list_empty',
      certificates: [],
      lines: [
        warning('list_empty'),
        hint('list_empty_no_certificate'),
        hint('list_empty_not_online'),
        hint('list_empty_details_changed'),
        hint('help_call'),
      ],
      ...(reading.problems.length ? { readingProblems: reading.problems } : {}),
    });
  }

  const lines: GuideLine[] = [hint('list_status_valid'), hint('list_status_withdrawn')];
  // A row is named as the popup names it (certificateName, lib/model/certificate.ts): an
  // economist's 初级 and 中级 are told apart, and rows named alike are said once.
  const said = new Set<string>();
  const say = (line: GuideLine) => {
    const key = `${line.key}\n${line.params?.qualification}`;
    if (said.has(key)) return;
    said.add(key);
    lines.push(line);
  };
  for (const { row } of rows) {
    const qualification = certificateName(row);
    if (row.status === 'withdrawn') say(warning('list_withdrawn_row', { qualification }));
    else if (row.status === 'valid' && needsNoAnnotation(row.qualification, row.approvalDate)) say(hint('list_association_seal', { qualification }));
  }
  const firstValid = rows.find((r) => r.row.status === 'valid');
  // Nothing to act on (every row withdrawn, or none readable as valid): that first, and whom to ask.
  if (!firstValid) lines.unshift(warning('list_no_valid'), hint('help_call'));
  else lines.push(hint('list_check_info'));
  const target = firstValid
    ? controlsOf.get(firstValid.element)?.find((c) => DOWNLOAD_KEYS.has(c.key) && isVisibleControl(view, c) && !c.disabled)
    : undefined;
  return recognised(certList, target, firstValid ? 'target_missing_download_valid' : undefined, {
    actionKey: firstValid ? 'action_cert_list' : 'action_cert_list_no_valid',
    certificates: rows.map((r) => r.row),
    lines,
    ...(reading.problems.length ? { readingProblems: reading.problems } : {}),
  });
}

export const certList: StepModule<CertListRecognition> = {
  id: 'cert-list',
  specificity: 50,
  flow: { place: 5 },
  actions: ['action_cert_list', 'action_cert_list_empty', 'action_cert_list_no_valid'],
  recognise(doc, url, view = readPage(doc, url)) {
    return drain(recogniseInSlices(view));
  },
  recogniseInSlices: (doc, url, view = readPage(doc, url)) => recogniseInSlices(view),
  reading(r) {
    const certificateCount = r.certificates?.length ?? 0;
    return { showsRecords: certificateCount > 0, certificateCount };
  },
  // With consent the rows are remembered (what identifies each; the holder's name is not sent).
  seen(r) {
    if (!r.certificates?.length) return [];
    const certificates = r.certificates.map(certificateReading).filter((c) => c !== null);
    return certificates.length ? [{ message: { type: 'portal/certificates-seen', certificates } }] : [];
  },
  // A click in a row says which certificate the holder went on with.
  clicked(r, control, context) {
    if (!r.certificates?.length) return null;
    const number = rowCertificate(control, r.certificates.map((c) => c.number).filter(Boolean), context.body);
    return number ? { message: { type: 'guide/certificate-chosen', certificateNumber: number } } : null;
  },
};
