// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// 证书列表: the holder's certificates, each with a status. Next: [下载] of a certificate
// whose status is 有效. Reads the rows (with consent the guide stores them).
import { findLabel, findMessage, firstControl, readPage, type PageView } from '../page';
import { controlKey, type Control } from '../text';
import { hint, recognised, warning } from '../lines';
import { needsNoAnnotation } from '../association';
import { readCertificates } from '../readers/certificates';
import type { GuideLine, StepModule } from '../types';

export const examples = [
  'cert-list/list-table.html',
  'cert-list/list-div-late.html',
  'cert-list/list-empty.html',
  'cert-list/list-all-withdrawn.html',
  'cert-list/list-xss-text.html',
] as const;

const DOWNLOAD = ['下载', '下载证书', '证书下载', '下载电子证书'];
const ROW_CONTROLS = [...DOWNLOAD, '证书信息', '查看'];
const EMPTY = /没有查询到|未查询到|暂无(?:证书|数据|记录)|无证书信息|没有证书|查询结果为空/;
/** Pages of later steps also show certificate details: they are not the list. */
const LATER_STEP_CONTROLS = ['申请证书加注', '提交加注申请'];

const ROW_KEYS = new Set(ROW_CONTROLS.map(controlKey));
const DOWNLOAD_KEYS = new Set(DOWNLOAD.map(controlKey));

/** Each row's controls, found by climbing from each control (one pass, not rows × controls). */
function controlsByRow(view: PageView, rowElements: Element[]): Map<Element, Control[]> {
  const rows = new Set(rowElements);
  const out = new Map<Element, Control[]>();
  for (const control of view.controls) {
    for (let e: Element | null = control.element; e; e = e.parentElement) {
      if (!rows.has(e)) continue;
      const list = out.get(e) ?? [];
      list.push(control);
      out.set(e, list);
      break;
    }
  }
  return out;
}

export const certList: StepModule = {
  id: 'cert-list',
  examples,
  recognise(doc, url, view = readPage(doc, url)) {
    if (firstControl(view, LATER_STEP_CONTROLS)) return null;
    // A query form (the employer's 证书查询) asks for a captcha; the holder's list does not.
    if (findLabel(view, /验证码/)) return null;
    const reading = readCertificates(doc, url, view);
    const controlsOf = controlsByRow(view, reading.rows.map((r) => r.element));
    const rows = reading.rows.filter((r) => controlsOf.get(r.element)?.some((c) => ROW_KEYS.has(c.key)));

    if (rows.length === 0) {
      if (!reading.headerFound || !findMessage(view, EMPTY, 16)) return null;
      return recognised('cert-list', null, undefined, {
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
    for (const { row } of rows) {
      if (row.status === 'withdrawn') lines.push(warning('list_withdrawn_row', { qualification: row.qualification }));
      else if (row.status === 'valid' && needsNoAnnotation(row.qualification, row.approvalDate))
        lines.push(hint('list_association_seal', { qualification: row.qualification }));
    }
    const firstValid = rows.find((r) => r.row.status === 'valid');
    if (!firstValid) lines.unshift(warning('list_no_valid'), hint('help_call'));
    else lines.push(hint('list_check_info'));
    const target = firstValid
      ? controlsOf.get(firstValid.element)?.find((c) => DOWNLOAD_KEYS.has(c.key) && !c.disabled)
      : undefined;
    return recognised('cert-list', target, firstValid ? 'target_missing_download_valid' : undefined, {
      actionKey: firstValid ? 'action_cert_list' : 'action_cert_list_no_valid',
      certificates: rows.map((r) => r.row),
      lines,
      ...(reading.problems.length ? { readingProblems: reading.problems } : {}),
    });
  },
};
