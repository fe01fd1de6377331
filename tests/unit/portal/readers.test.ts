import { describe, expect, test } from 'vitest';
import { recognisePage } from './any-recognition';
import type { Recognition } from './any-recognition';
import { needsAnnotation } from '../../../lib/model/certificate';
import { needsNoAnnotation } from '../../../lib/portal/association';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, SAVED, load, loadHtml, loadShared, page } from './fixtures';

/** 2026-12-03 12:00 in Beijing: which annotation of a history holds "today" does not move with the clock. */
const NOW = Date.UTC(2026, 11, 3, 4);

async function recognise(file: string): Promise<Recognition> {
  const { document, url } = await loadShared(file);
  return recognisePage(document, url, { now: NOW });
}
const keys = (r: Recognition) => r.lines.map((l) => l.key);

describe('cert-list: rows read exactly as the pages show them', () => {
  test('list-table: withdrawn, valid and an association-seal certificate approved before 2021-12-17', async () => {
    const r = await recognise('cert-list/list-table.html');
    expect(r.certificates).toEqual([
      { number: '1911010000201543', qualification: '一级建造师执业资格', holderName: '张晓明', approvalDate: '2020-01-15', status: 'withdrawn' },
      { number: '2205110000300127', qualification: '社会工作者职业资格', level: '中级', holderName: '张晓明', approvalDate: '2022-11-30', status: 'valid' },
      { number: '1944030000105266', qualification: '税务师职业资格', holderName: '张晓明', approvalDate: '2019-05-20', status: 'valid' },
    ]);
    expect(r.lines).toEqual([
      { kind: 'hint', key: 'list_status_valid' },
      { kind: 'hint', key: 'list_status_withdrawn' },
      { kind: 'warning', key: 'list_withdrawn_row', params: { qualification: '一级建造师执业资格' } },
      { kind: 'hint', key: 'list_association_seal', params: { qualification: '税务师职业资格' } },
      { kind: 'hint', key: 'list_check_info' },
    ]);
    expect(r.readingProblems).toBeUndefined();
  });
  test('two withdrawn rows of one qualification are told apart by their level, and rows named alike are said once', () => {
    const html = readFileSync(join(FIXTURES_DIR, 'cert-list/list-table.html'), 'utf8');
    const row = (n: number, level: string, number: string) =>
      `<tr><td>${n}</td><td>张晓明</td><td>经济专业技术资格</td><td>${level}</td><td>${number}</td><td>2019-05-20</td><td>已撤销</td>` +
      `<td><a href="javascript:certInfo('${number}')">证书信息</a> <a href="javascript:certDown('${number}')">下载</a></td></tr>`;
    const more = row(4, '初级', '1611010000200001') + row(5, '中级', '1911010000200002') + row(6, '中级', '1911010000200003');
    const { document, url } = loadHtml(html.replace('</tbody>', `${more}</tbody>`), page('cert-list/list-table.html').url);
    const r = recognisePage(document, url, { now: NOW });
    expect(r.certificates!.filter((c) => c.status === 'withdrawn')).toHaveLength(4);
    expect(r.lines.filter((l) => l.key === 'list_withdrawn_row').map((l) => l.params?.qualification)).toEqual([
      '一级建造师执业资格',
      '经济专业技术资格 · 初级',
      '经济专业技术资格 · 中级',
    ]);
  });
  test('list-div-late: cards filled in after load, dates written 2020年10月12日', async () => {
    const r = await recognise('cert-list/list-div-late.html');
    expect(r.certificates).toEqual([
      { number: 'YH2020110500358', qualification: '银行业专业人员职业资格', level: '中级', holderName: '李文静', approvalDate: '2020-10-12', status: 'valid' },
      { number: '2411010000710093', qualification: '经济专业技术资格', level: '中级', holderName: '李文静', approvalDate: '2024-12-20', status: 'valid' },
    ]);
    expect(keys(r)).toContain('list_association_seal');
  });
  test('list-empty: no rows, the three causes, the help lines, nothing to click', async () => {
    const r = await recognise('cert-list/list-empty.html');
    expect(r.certificates).toEqual([]);
    expect(r.target).toBeNull();
    expect(r.targetMissingKey).toBeUndefined();
    expect(keys(r)).toEqual(['list_empty', 'list_empty_no_certificate', 'list_empty_not_online', 'list_empty_details_changed', 'help_call']);
  });
  test('a list with only withdrawn certificates says so, gives the help lines and has no target', () => {
    const html = `<html><head><meta charset="utf-8"><title>证书列表</title></head><body><table>
      <tr><th>资格名称</th><th>证书编号</th><th>批准日期</th><th>状态</th><th>操作</th></tr>
      <tr><td>审计专业技术资格</td><td>2101010000123456</td><td>2021-01-05</td><td>已撤销</td><td><a href="#">证书信息</a></td></tr>
    </table></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certList.do?method=list');
    const r = recognisePage(document, url);
    expect(r.step).toBe('cert-list');
    expect(r.target).toBeNull();
    expect(keys(r).slice(0, 2)).toEqual(['list_no_valid', 'help_call']);
    expect(r.actionKey).toBe('action_cert_list_no_valid');
    expect(keys(r)).not.toContain('list_check_info');
  });
  test('the portal list rule agrees with the model rule on which certificates need no annotation', async () => {
    for (const file of ['cert-list/list-table.html', 'cert-list/list-div-late.html', 'cert-list/list-xss-text.html']) {
      for (const row of (await recognise(file)).certificates!) {
        expect(needsNoAnnotation(row.qualification, row.approvalDate), row.qualification).toBe(!needsAnnotation(row));
      }
    }
    for (const [q, d] of [['拍卖师', '2021-12-16'], ['拍卖师', '2021-12-17'], ['一级建造师', '2020-01-01'], ['银行业专业人员职业资格', undefined]] as const) {
      expect(needsNoAnnotation(q, d)).toBe(!needsAnnotation({ qualification: q, approvalDate: d }));
    }
  });
});

describe('annotation: state and validity on every saved page', () => {
  type Want = NonNullable<Recognition['annotation']> & { certificateNumber?: string };
  const read = { validity: 'read' } as const;
  const expected: Record<string, Want> = {
    'annotation/none-table-input.html': { state: 'none', certificateNumber: '2205110000300127' },
    'annotation/expired-div-link.html': { state: 'expired', validFrom: '2026-05-01', validUntil: '2026-07-29', ...read, certificateNumber: '2411010000710093' },
    'annotation/expired-table-input.html': { state: 'expired', validFrom: '2026-05-01', validUntil: '2026-07-29', ...read, certificateNumber: '2205110000300127' },
    'annotation/generating-table-button.html': { state: 'generating', certificateNumber: '2205110000300127' },
    'annotation/generating-div-late.html': { state: 'generating', certificateNumber: '2411010000710093' },
    'annotation/valid-iso-table.html': { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-12-01', ...read, certificateNumber: '2205110000300127' },
    'annotation/valid-multiple-rows.html': { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-12-01', ...read, certificateNumber: '2205110000300127' },
    'annotation/valid-cn-fullwidth-div.html': { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-12-01', ...read, certificateNumber: '2411010000710093' },
    'annotation/valid-dot-dao-rolebutton.html': { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-12-01', ...read, certificateNumber: '2411010000710093' },
    'annotation/valid-until-only-input.html': { state: 'valid', validUntil: '2026-12-01', ...read, certificateNumber: '2411010000710093' },
    'annotation/valid-tilde-iso.html': { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-12-01', ...read, certificateNumber: '2411010000710093' },
    // 批准日期 and 发证日期 in the same table as the validity: read by their labels, never taken for it.
    'annotation/valid-facts-same-table.html': { state: 'valid', validFrom: '2026-10-08', validUntil: '2027-01-05', ...read, certificateNumber: '2311010000820456' },
    // dt/dd, start and end given apart; a notice's dates and a hidden stale validity left out.
    'annotation/valid-dl-two-ends.html': { state: 'valid', validFrom: '2026-11-03', validUntil: '2027-01-31', ...read, certificateNumber: '2244030000603318' },
    // A history by columns: the row whose validity holds today.
    'annotation/valid-history-columns.html': { state: 'valid', validFrom: '2026-11-26', validUntil: '2027-02-23', ...read },
    // [下载] of the previous annotation beside 证书生成中: its dates, and the new one generating.
    'annotation/valid-and-generating.html': { state: 'valid', validFrom: '2026-09-15', validUntil: '2026-12-13', ...read, alsoGenerating: true, certificateNumber: '2205110000300127' },
    // Valid, but the validity is an image: the holder is asked.
    'annotation/valid-unreadable-image.html': { state: 'valid', validity: 'ask', certificateNumber: '2133010000560712' },
  };
  test('every annotation page has an expectation here', () => {
    expect(Object.keys(expected).sort()).toEqual(SAVED.filter((p) => p.step === 'annotation').map((p) => p.file).sort());
  });
  for (const [file, want] of Object.entries(expected)) {
    test(`${file}: ${want.state}${want.validUntil ? ` until ${want.validUntil}` : ''}`, async () => {
      const r = await recognise(file);
      expect(r.annotation).toEqual(want);
      expect(r.annotationState).toBe(want.state);
      expect(r.certificateNumber).toBe(want.certificateNumber);
      if (want.validity === 'ask') expect(r.readingProblems?.map((p) => p.key)).toEqual(['problem_validity_unreadable']);
      else expect(r.readingProblems).toBeUndefined();
    });
  }
  test('each state says what it must', async () => {
    expect(keys(await recognise('annotation/none-table-input.html'))).toEqual(['annotation_none', 'annotation_what', 'annotation_check_info']);
    expect(keys(await recognise('annotation/expired-div-link.html'))).toEqual(['annotation_expired', 'annotation_check_info']);
    expect(keys(await recognise('annotation/generating-table-button.html'))).toEqual(['annotation_generating', 'annotation_generating_ready', 'annotation_generating_no_reapply']);
    expect((await recognise('annotation/valid-iso-table.html')).lines).toEqual([
      { kind: 'hint', key: 'annotation_valid' },
      { kind: 'hint', key: 'annotation_valid_until', params: { date: '2026-12-01' } },
      { kind: 'hint', key: 'annotation_valid_file' },
      { kind: 'hint', key: 'annotation_valid_no_reapply' },
    ]);
  });
  test('a disabled [下载] while generating is not a target, and the state stays generating', async () => {
    const r = await recognise('annotation/generating-table-button.html');
    expect(r.target).toBeNull();
    expect(r.targetMissingKey).toBeUndefined();
  });
  test('dates that cannot be tied to the annotation give a problem, never a guess', () => {
    const html = `<html><head><meta charset="utf-8"><title>电子证书加注、下载</title></head><body>
      <h3>加注信息</h3><div>本人调用　2026-09-03 至 2026-12-01；2026-10-01 至 2026-12-30</div>
      <div><button>查看</button><button>下载</button></div></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certAnnotation.do?method=view');
    const r = recognisePage(document, url);
    expect(r.annotationState).toBe('valid');
    expect(r.annotation).toEqual({ state: 'valid', validity: 'ask' });
    expect(r.readingProblems).toEqual([{ kind: 'warning', key: 'problem_validity_unreadable' }]);
  });
  test('an impossible validity date is not read', () => {
    const html = `<html><head><meta charset="utf-8"><title>电子证书加注、下载</title></head><body>
      <h3>加注信息</h3><table><tr><td>本人调用</td><td>2026-12-01 至 2027-02-30</td><td><button>下载</button></td></tr></table></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certAnnotation.do?method=view');
    const r = recognisePage(document, url);
    expect(r.annotation?.validUntil).toBeUndefined();
    expect(r.annotation?.validFrom).toBeUndefined();
    expect(r.readingProblems?.map((p) => p.key)).toEqual(['problem_validity_unreadable']);
  });
});

describe('annotation-apply: the chosen validity', () => {
  test.each([
    ['annotation-apply/apply-select-days-table.html', 90, '2205110000300127'],
    ['annotation-apply/apply-number-div.html', 60, '2411010000710093'],
    ['annotation-apply/apply-date-range-link.html', 90, 'YH2022060100417'],
    ['annotation-apply/apply-submitted.html', 90, '2205110000300127'],
  ])('%s → %i days, certificate %s', async (file, days, number) => {
    const r = await recognise(file);
    expect(r.chosenValidityDays).toBe(days);
    expect(r.certificateNumber).toBe(number);
  });
  test('advises 90 days when fewer are chosen, and not otherwise', async () => {
    const short = await recognise('annotation-apply/apply-number-div.html');
    expect(short.lines).toContainEqual({ kind: 'warning', key: 'apply_validity_under_90', params: { days: 60 } });
    expect(keys(await recognise('annotation-apply/apply-select-days-table.html'))).toEqual(['apply_check_info', 'apply_scenario', 'apply_validity_max']);
  });
  test('follows what the holder picks: the select changed to 30 days', () => {
    const { document, url } = load('annotation-apply/apply-select-days-table.html');
    (document.querySelector('select[name=jzyxq]') as HTMLSelectElement).selectedIndex = 0;
    const r = recognisePage(document, url);
    expect(r.chosenValidityDays).toBe(30);
    expect(r.lines).toContainEqual({ kind: 'warning', key: 'apply_validity_under_90', params: { days: 30 } });
  });
  test('the confirmation page says the application went in, with no target', async () => {
    const r = await recognise('annotation-apply/apply-submitted.html');
    expect(r.applicationSubmitted).toBe(true);
    expect(r.target).toBeNull();
    expect(keys(r)).toEqual(['apply_submitted']);
  });
  for (const file of ['annotation-apply/apply-select-days-table.html', 'annotation-apply/apply-number-div.html', 'annotation-apply/apply-date-range-link.html']) {
    test(`${file}: clicking [提交加注申请] makes the page confirm in place`, async () => {
      const p = page(file);
      const { window, document, url } = loadHtml((await import('./fixtures')).fixtureHtml(file), p.url, true);
      await window.happyDOM.waitUntilComplete();
      const before = recognisePage(document, url);
      expect(before.applicationSubmitted).toBeUndefined();
      const target = before.target as HTMLElement;
      target.click();
      // happy-dom runs listeners but not onclick="…" or href="javascript:…": call what they name.
      const inline = /^(?:javascript:)?(\w+)\(\)$/.exec(target.getAttribute('onclick') ?? target.getAttribute('href') ?? '');
      if (inline) (window as unknown as Record<string, () => void>)[inline[1]!]!();
      await window.happyDOM.waitUntilComplete();
      const after = recognisePage(document, url);
      expect(after.step).toBe('annotation-apply');
      expect(after.applicationSubmitted).toBe(true);
      // Only what is still shown is read: this page hides its form once it confirms.
      const formHidden = file === 'annotation-apply/apply-select-days-table.html';
      expect(after.chosenValidityDays).toBe(formHidden ? undefined : before.chosenValidityDays);
      expect(before.chosenValidityDays).toBe(file.includes('number') ? 60 : 90);
    });
  }
  test('an unreadable validity field gives a problem, not a number', () => {
    const html = `<html><head><meta charset="utf-8"><title>证书加注</title></head><body>
      <div>使用场景：<select><option>本人调用</option></select></div>
      <div>加注有效期：<select><option>请选择</option></select></div>
      <button>提交加注申请</button></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certAnnotation.do?method=applyPage');
    const r = recognisePage(document, url);
    expect(r.chosenValidityDays).toBeUndefined();
    expect(r.readingProblems).toEqual([{ kind: 'warning', key: 'problem_validity_days_unreadable' }]);
  });
});

describe('pages with a changed layout', () => {
  test('a list without a status column gives a problem and no rows', () => {
    const html = `<html><head><meta charset="utf-8"><title>证书列表</title></head><body><table>
      <tr><th>资格名称</th><th>证书编号</th><th>批准日期</th><th>操作</th></tr>
      <tr><td>审计专业技术资格</td><td>2101010000123456</td><td>2021-01-05</td><td><a href="#">下载</a></td></tr>
    </table></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certList.do?method=list');
    const r = recognisePage(document, url);
    expect(r.certificates).toBeUndefined();
    expect(r.step).toBe('unknown');
  });
  test('an unreadable approval date is left out with a problem; the row is kept', () => {
    const html = `<html><head><meta charset="utf-8"><title>证书列表</title></head><body><table>
      <tr><th>资格名称</th><th>证书编号</th><th>批准日期</th><th>状态</th><th>操作</th></tr>
      <tr><td>审计专业技术资格</td><td>2101010000123456</td><td>2021-02-30</td><td>有效</td><td><a href="#">下载</a></td></tr>
    </table></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certList.do?method=list');
    const r = recognisePage(document, url);
    expect(r.certificates).toEqual([{ number: '2101010000123456', qualification: '审计专业技术资格', status: 'valid' }]);
    expect(r.readingProblems).toEqual([{ kind: 'warning', key: 'problem_date_unreadable', params: { text: '2021-02-30' } }]);
  });
  test('a row with columns swapped (number where the name should be) is left out', () => {
    const html = `<html><head><meta charset="utf-8"><title>证书列表</title></head><body><table>
      <tr><th>资格名称</th><th>证书编号</th><th>状态</th><th>操作</th></tr>
      <tr><td>2101010000123456</td><td>审计专业技术资格</td><td>有效</td><td><a href="#">下载</a></td></tr>
    </table></body></html>`;
    const { document, url } = loadHtml(html, 'http://zs.cpta.com.cn/certMng/certList.do?method=list');
    const r = recognisePage(document, url);
    expect(r.certificates ?? []).toEqual([]);
  });
});

describe('home and entry pages', () => {
  test('a home page with a quick link [证书下载] is still the home page', () => {
    const { document, url } = load('portal-home/home-2024-div.html');
    const quick = document.createElement('a');
    quick.href = '/certQuery.html';
    quick.textContent = '证书下载';
    document.querySelector('main')!.prepend(quick);
    const r = recognisePage(document, url);
    expect(r.step).toBe('portal-home');
    expect(r.target?.textContent).toBe('电子证书下载');
  });
  test('the home page says what the flow is, how long it takes and what to have ready', async () => {
    expect(keys(await recognise('portal-home/home-2021-table.html'))).toEqual(['home_flow', 'home_time', 'home_ready']);
  });
  test('the login page says whose account it is, how to register, what to do on a wrong account or a forgotten password, that passwords are never read, and the help lines', async () => {
    expect(keys(await recognise('login/certmng-login-table.html'))).toEqual(['login_account', 'login_register', 'login_wrong_account', 'login_forgot', 'login_privacy', 'help_call']);
  });
  test('the register page says to use the same ID number, once', async () => {
    expect(keys(await recognise('register/examfront-register-bootstrap.html'))).toEqual(['register_same_id', 'register_once', 'login_privacy']);
  });
});
