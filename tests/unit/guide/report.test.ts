// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { annotationReading, certificateReading, pickWinner, toReport, UNKNOWN_REPORT, type FrameReport } from '../../../lib/guide/report';
import { rowCertificate } from '../../../lib/guide/agent';
import type { Recognition } from '../portal/any-recognition';

const rec = (over: Partial<Recognition>): Recognition => ({ step: 'cert-list', specificity: 50, target: null, lines: [], ...over });

describe('what crosses between frames is plain data', () => {
  test('a report keeps the step, words and flags, never the element', () => {
    const button = document.createElement('button');
    const r = toReport(
      rec({
        target: button,
        actionKey: 'action_cert_list',
        lines: [{ kind: 'warning', key: 'list_withdrawn_row', params: { qualification: '<b>x</b>', n: 2, bad: {} as never } }],
        certificates: [{ number: '1', qualification: 'q', status: 'valid' }],
      }),
    );
    expect(r).toEqual({
      step: 'cert-list',
      specificity: 50,
      actionKey: 'action_cert_list',
      hasTarget: true,
      lines: [{ kind: 'warning', key: 'list_withdrawn_row', params: { qualification: '<b>x</b>', n: 2 } }],
      readingProblems: [],
      showsRecords: true,
      certificateCount: 1,
    });
    expect(() => structuredClone(r)).not.toThrow();
  });

  test('an annotation page shows records only when it shows an annotation', () => {
    expect(toReport(rec({ step: 'annotation', annotation: { state: 'none' } })).showsRecords).toBe(false);
    expect(toReport(rec({ step: 'annotation', annotation: { state: 'expired' } })).showsRecords).toBe(true);
  });

  test('the most specific frame wins; a tie goes to the first (the top)', () => {
    const a: FrameReport = { ...UNKNOWN_REPORT, step: 'portal-home', specificity: 10 };
    const b: FrameReport = { ...UNKNOWN_REPORT, step: 'cert-list', specificity: 50 };
    expect(pickWinner([['top', a], ['child', b]])?.[0]).toBe('child');
    expect(pickWinner([['top', b], ['child', { ...b }]])?.[0]).toBe('top');
    expect(pickWinner([])).toBeUndefined();
  });
});

describe('readings are cut to what the background accepts', () => {
  test('a row without number or qualification is dropped; the holder\'s name is never sent', () => {
    expect(certificateReading({ number: ' ', qualification: 'x', status: 'valid' })).toBeNull();
    expect(certificateReading({ number: '1', qualification: '', status: 'valid' })).toBeNull();
    expect(certificateReading({ number: '1', qualification: ' 社会工作者 ', holderName: '张晓明', level: '中级', approvalDate: '2022-11-30', status: 'valid' })).toEqual({
      number: '1',
      qualification: '社会工作者',
      level: '中级',
      approvalDate: '2022-11-30',
      status: 'valid',
    });
  });

  test('an impossible date is left out instead of spoiling the whole list', () => {
    expect(certificateReading({ number: '1', qualification: 'q', approvalDate: '2022-02-30', status: 'withdrawn' })).toEqual({ number: '1', qualification: 'q', status: 'withdrawn' });
  });

  test('the annotation reading carries the page\'s certificate number and real dates only', () => {
    expect(annotationReading(rec({ step: 'annotation', certificateNumber: 'N1', annotation: { state: 'valid', validFrom: '2026-09-03', validUntil: '2026-13-01' } }))).toEqual({
      state: 'valid',
      certificateNumber: 'N1',
      validFrom: '2026-09-03',
    });
    expect(annotationReading(rec({ step: 'annotation' }))).toBeNull();
  });
});

describe('which certificate a click in the list was about', () => {
  const numbers = ['2205110000300127', '1944030000105266'];
  test('the row a [下载] link sits in', () => {
    document.body.innerHTML = `<table>
      <tr><td>2205110000300127</td><td><a id="a" href="#">下载</a></td></tr>
      <tr><td>1944030000105266</td><td><a id="b" href="#">下载</a></td></tr></table>`;
    expect(rowCertificate(document.getElementById('a')!, numbers, document.body)).toBe('2205110000300127');
    expect(rowCertificate(document.getElementById('b')!, numbers, document.body)).toBe('1944030000105266');
  });

  test('a javascript: link naming the number; a control outside any row names none', () => {
    document.body.innerHTML = `<div><a id="a" href="javascript:certDown('1944030000105266')">下载</a></div>
      <p>2205110000300127 1944030000105266</p><button id="c">全部</button>`;
    expect(rowCertificate(document.getElementById('a')!, numbers, document.body)).toBe('1944030000105266');
    expect(rowCertificate(document.getElementById('c')!, numbers, document.body)).toBeUndefined();
  });
});
