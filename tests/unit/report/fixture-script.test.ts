// `npm run fixture -- REPORT.json`: a report becomes a saved page listed in fixtures.json
// that the guide recognises as the holder's guide did, and the command says what it sees.
import { describe, expect, test } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureFromReport } from '../../../scripts/fixture-from-report';
import { formatReport, reportDocument } from '../../../lib/report/build';
import { recognisePage } from '../portal/any-recognition';
import { FIXTURES_DIR, load, loadHtml } from '../portal/fixtures';
import { reportOf } from './helpers';

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpta-fixtures-'));
  copyFileSync(join(FIXTURES_DIR, 'fixtures.json'), join(dir, 'fixtures.json'));
  return dir;
}

describe('fixtureFromReport', () => {
  test('writes the saved page under its step, lists it, and prints what the guide makes of it', () => {
    const dir = scratch();
    const { document, url } = load('annotation/expired-div-link.html');
    const result = fixtureFromReport({ reportText: formatReport(reportOf(document, url)), reportFile: '/x/cpta-page-report-annotation-20261203-0900.json', fixturesDir: dir });
    expect(result.ok).toBe(true);
    expect(result.written).toEqual(['tests/fixtures/annotation/report-annotation-20261203-0900.html']);
    const list = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8')).pages;
    const entry = list.at(-1);
    expect(entry).toMatchObject({ file: 'annotation/report-annotation-20261203-0900.html', step: 'annotation', target: '申请证书加注', annotationState: 'expired' });
    const html = readFileSync(join(dir, entry.file), 'utf8');
    const saved = loadHtml(html, entry.url);
    expect(recognisePage(saved.document, saved.url).annotationState).toBe('expired');
    const printed = result.lines.join('\n');
    expect(printed).toContain('step: annotation');
    expect(printed).toContain('target: "申请证书加注"');
    expect(printed).toContain('annotation state: expired');
    // The same name again is refused, not overwritten.
    const again = fixtureFromReport({ reportText: formatReport(reportOf(document, url)), reportFile: '/x/cpta-page-report-annotation-20261203-0900.json', fixturesDir: dir });
    expect(again.ok).toBe(false);
    expect(again.lines.join('\n')).toContain('exists');
  });

  test('a page with frames: the host under frames/, each frame its own page, the host pointing at them', () => {
    const dir = scratch();
    const host = load('frames/annotation-iframe-host.html');
    const framed = load('annotation/valid-iso-table.html');
    const report = reportOf(host.document, host.url, { frame: () => reportDocument(framed.document, framed.url) });
    const result = fixtureFromReport({ reportText: formatReport(report), name: 'iframe', step: 'annotation', fixturesDir: dir });
    expect(result.written).toEqual(['tests/fixtures/frames/iframe.html', 'tests/fixtures/frames/iframe.frame-0.html']);
    const list = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8')).pages;
    expect(list.at(-2)).toMatchObject({ file: 'frames/iframe.html', step: 'unknown', frames: ['frames/iframe.frame-0.html'], tabStep: 'annotation' });
    expect(list.at(-1)).toMatchObject({ file: 'frames/iframe.frame-0.html', step: 'annotation', annotationState: 'valid', target: '下载' });
    expect(result.lines.join('\n')).toContain('(its most specific frame)');
  });

  test('what is not a report, or names no known step, is refused with the reason and writes nothing', () => {
    const dir = scratch();
    const before = readFileSync(join(dir, 'fixtures.json'), 'utf8');
    expect(fixtureFromReport({ reportText: '{"format":"x"}', fixturesDir: dir })).toMatchObject({ ok: false, written: [] });
    const { document, url } = load('login/certmng-login-table.html');
    const bad = fixtureFromReport({ reportText: formatReport(reportOf(document, url)), step: 'nowhere', fixturesDir: dir });
    expect(bad.ok).toBe(false);
    expect(bad.lines[0]).toContain('Unknown step');
    expect(readFileSync(join(dir, 'fixtures.json'), 'utf8')).toBe(before);
  });
});
