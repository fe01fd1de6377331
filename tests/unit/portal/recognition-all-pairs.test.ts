import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { STEPS } from '../../../lib/portal/recognise';
import { recognisePage } from './any-recognition';
import { controlKey, controlName } from '../../../lib/portal/text';
import { FIXTURES_DIR, PAGES, SAVED, fixtureHtml, load, loadHtml, loadSettled, loadShared, page } from './fixtures';

function htmlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFilesUnder(path);
    return name.endsWith('.html') ? [relative(FIXTURES_DIR, path)] : [];
  });
}

describe('the saved pages', () => {
  test('every saved page is listed in fixtures.json, and every listed page exists', () => {
    const onDisk = htmlFilesUnder(FIXTURES_DIR).sort();
    expect(SAVED.map((p) => p.file).sort()).toEqual(onDisk);
  });
  test('each step has at least two saved pages', () => {
    for (const step of STEPS) {
      const own = SAVED.filter((p) => p.step === step.id).map((p) => p.file);
      expect(own.length, step.id).toBeGreaterThanOrEqual(2);
    }
  });
  test('the annotation page is saved in each of its states', () => {
    const states = new Set(SAVED.filter((p) => p.step === 'annotation').map((p) => p.annotationState));
    expect([...states].sort()).toEqual(['expired', 'generating', 'none', 'valid']);
  });
});

describe('all pairs: every step recognises its own saved pages and no other', () => {
  for (const p of SAVED) {
    for (const step of STEPS) {
      const own = p.step === step.id;
      test(`${step.id} ${own ? 'recognises' : 'rejects'} ${p.file}`, async () => {
        const { document, url } = await loadShared(p.file);
        const found = step.recognise(document, url);
        if (own) expect(found?.step).toBe(step.id);
        else expect(found).toBeNull();
      });
    }
  }
});

describe('recognisePage on every saved page', () => {
  for (const p of SAVED) {
    test(`${p.file} → ${p.step}${p.annotationState ? ` (${p.annotationState})` : ''}, target ${p.target ?? 'none'}`, async () => {
      const { document, url } = await loadShared(p.file);
      const r = recognisePage(document, url);
      expect(r.step).toBe(p.step);
      expect(r.annotationState).toBe(p.annotationState);
      if (p.target === null) expect(r.target).toBeNull();
      else expect(controlKey(controlName(r.target!))).toBe(controlKey(p.target));
      if (p.step === 'unknown') expect(r).toEqual({ step: 'unknown', specificity: 0, target: null, lines: [] });
      else expect(r.actionKey).toMatch(/^action_/);
    });
  }

  test('the portal mirror host gives the same answer', () => {
    const { document } = loadHtml(fixtureHtml('portal-home/home-2021-table.html'), 'https://cpta.mohrss.gov.cn/index.html');
    expect(recognisePage(document, new URL('https://cpta.mohrss.gov.cn/index.html')).step).toBe('portal-home');
  });

  test('cert-list targets the [下载] of a valid certificate, not the withdrawn one listed first', () => {
    const { document, url } = load('cert-list/list-table.html');
    const r = recognisePage(document, url);
    expect(r.target?.getAttribute('href')).toBe("javascript:certDown('2205110000300127')");
  });

  test('annotation-apply outranks the rest when pages of several steps are open in frames', () => {
    const specificity = (file: string) => recognisePage(load(file).document, load(file).url).specificity;
    const order = ['portal-home/home-2021-table.html', 'cert-entry/certquery-2022-table.html', 'login/certmng-login-table.html', 'service-terms/terms-table-input.html', 'cert-list/list-table.html', 'annotation/none-table-input.html', 'annotation-apply/apply-select-days-table.html'];
    const values = order.map(specificity);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('pages filled in after load', () => {
  for (const p of SAVED.filter((x) => x.lateFilled)) {
    test(`${p.file} is unknown while loading and ${p.step} once filled`, async () => {
      const before = load(p.file);
      expect(recognisePage(before.document, before.url).step).toBe('unknown');
      const after = await loadSettled(p.file);
      expect(recognisePage(after.document, after.url).step).toBe(p.step);
    });
  }
});

describe('frames', () => {
  for (const p of PAGES.filter((x) => x.frames)) {
    test(`${p.file}: the frame document is ${p.step} on its own, and the most specific frame is ${p.tabStep}`, () => {
      const top = load(p.file);
      const frameSources = Array.from(top.document.querySelectorAll('frame, iframe')).map((f) => new URL(f.getAttribute('src')!, p.url).href);
      // Each frame's src is the URL of the saved page it shows.
      expect(frameSources.sort()).toEqual(p.frames!.map((f) => page(f).url).sort());
      const all = [top, ...p.frames!.map(load)].map(({ document, url }) => recognisePage(document, url));
      expect(all[0]!.step).toBe(p.step);
      const best = all.reduce((a, b) => (b.specificity > a.specificity ? b : a));
      expect(best.step).toBe(p.tabStep);
    });
  }
});

describe('the generated heavy page', () => {
  test('is a certificate list of 200 rows (every 10th withdrawn) with ≈10,000 elements', () => {
    const p = PAGES.find((x) => x.generatedBy)!;
    const { document, url } = loadHtml(fixtureHtml(p.file), p.url);
    expect(document.querySelectorAll('*').length).toBeGreaterThan(9_500);
    const r = recognisePage(document, url);
    expect(r.step).toBe('cert-list');
    expect(r.certificates).toHaveLength(200);
    expect(r.certificates!.filter((c) => c.status === 'withdrawn')).toHaveLength(20);
    expect(r.target?.closest('tr')?.querySelector('b')?.textContent).toBe(r.certificates![0]!.number);
    // Its 20 withdrawn rows hold 4 qualifications: one warning each, named with the level, and no line twice.
    const withdrawn = new Set(r.certificates!.filter((c) => c.status === 'withdrawn').map((c) => (c.level ? `${c.qualification} · ${c.level}` : c.qualification)));
    expect(withdrawn.size).toBe(4);
    expect(r.lines.filter((l) => l.key === 'list_withdrawn_row').map((l) => l.params?.qualification).sort()).toEqual([...withdrawn].sort());
    const said = r.lines.map((l) => JSON.stringify([l.key, l.params]));
    expect(new Set(said).size).toBe(said.length);
  });
});
