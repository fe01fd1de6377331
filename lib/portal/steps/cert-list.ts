// 证书列表: the holder's certificates, each with a status. Next: [下载] of a certificate
// whose status is 有效. Reads the rows (with consent the guide stores them).
import { controlsNamed, findLabel, findMessage, firstControl, readPage } from '../page';
import { hint, recognised, warning } from '../lines';
import { needsNoAnnotation } from '../association';
import { readCertificates } from '../readers/certificates';
import type { GuideLine, StepModule } from '../types';

export const examples = [
  'cert-list/list-table.html',
  'cert-list/list-div-late.html',
  'cert-list/list-empty.html',
  'cert-list/list-xss-text.html',
] as const;

const DOWNLOAD = ['下载', '下载证书', '证书下载', '下载电子证书'];
const ROW_CONTROLS = [...DOWNLOAD, '证书信息', '查看'];
const EMPTY = /没有查询到|未查询到|暂无(?:证书|数据|记录)|无证书信息|没有证书|查询结果为空/;
/** Pages of later steps also show certificate details: they are not the list. */
const LATER_STEP_CONTROLS = ['申请证书加注', '提交加注申请'];

export const certList: StepModule = {
  id: 'cert-list',
  examples,
  recognise(doc, url, view = readPage(doc, url)) {
    if (firstControl(view, LATER_STEP_CONTROLS)) return null;
    // A query form (the employer's 证书查询) asks for a captcha; the holder's list does not.
    if (findLabel(view, /验证码/)) return null;
    const reading = readCertificates(doc, url, view);
    const rows = reading.rows.filter((r) => controlsNamed(view, ROW_CONTROLS, { within: r.element }).length > 0);

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
    if (!firstValid) lines.push(warning('list_no_valid'));
    const target = firstValid ? controlsNamed(view, DOWNLOAD, { within: firstValid.element, enabledOnly: true })[0] : undefined;
    return recognised('cert-list', target, firstValid ? 'target_missing_download_valid' : undefined, {
      actionKey: 'action_cert_list',
      certificates: rows.map((r) => r.row),
      lines,
      ...(reading.problems.length ? { readingProblems: reading.problems } : {}),
    });
  },
};
