// The annotation's validity, read on pages nobody here wrote: thousands of generated
// annotation pages (tests/fixtures/generate-annotation.ts) in random layouts, date forms
// and noise, recognised as the content script does. Every reading is right, or it asks
// the holder; a wrong date is a reminder on the wrong day, and there must be none.
import { describe, expect, test } from 'vitest';
import { Window } from 'happy-dom';
import { recognisePage } from './any-recognition';
import { startOfBeijingDay } from '../../../lib/dates/beijing';
import { generateAnnotationPage, type GeneratedAnnotationPage } from '../../fixtures/generate-annotation';

const PAGES = 2000;
const SEED = 20261203;
const URL_OF = 'http://zs.cpta.com.cn/certMng/certAnnotation.do?method=view&id=2205110000300127';

type Outcome = 'right' | 'asked' | 'wrong';

function judge(page: GeneratedAnnotationPage): { outcome: Outcome; got: unknown } {
  const window = new Window({ url: URL_OF, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  window.document.write(page.html);
  // Noon in Beijing of the page's day: the same Beijing day in every time zone the tests run in.
  const now = startOfBeijingDay(page.today) + 12 * 3_600_000;
  const rec = recognisePage(window.document as unknown as Document, new URL(URL_OF), { now });
  void window.happyDOM.abort(); // nothing loads: it only stops the window's timers
  const a = rec.annotation;
  const got = a ? { validity: a.validity, from: a.validFrom, until: a.validUntil } : { step: rec.step };
  if (rec.step !== 'annotation' || !a || a.state !== 'valid') return { outcome: 'wrong', got };
  if (a.validity === 'ask') return { outcome: 'asked', got };
  const e = page.expected;
  if (a.validity === 'read' && e && a.validUntil === e.until && a.validFrom === e.from) return { outcome: 'right', got };
  return { outcome: 'wrong', got };
}

describe('validity on generated annotation pages', () => {
  test(`${PAGES} pages: every reading right or asked, none wrong; asked under 5%`, () => {
    const count: Record<Outcome, number> = { right: 0, asked: 0, wrong: 0 };
    const byLayout = new Map<string, Record<Outcome, number>>();
    const wrong: string[] = [];
    const askedReadable: string[] = [];
    let mixed = 0;
    for (let n = 0; n < PAGES; n++) {
      const page = generateAnnotationPage(SEED, n);
      const { outcome, got } = judge(page);
      count[outcome]++;
      const layout = page.layout.split('/')[0]!.replace(/\+facts$/, '');
      if (page.layout.includes('+facts')) mixed++;
      const l = byLayout.get(layout) ?? { right: 0, asked: 0, wrong: 0 };
      l[outcome]++;
      byLayout.set(layout, l);
      if (outcome === 'wrong' && wrong.length < 5) wrong.push(`#${n} ${page.layout} ${page.dateForm} [${page.noise}] expected ${JSON.stringify(page.expected)} got ${JSON.stringify(got)}`);
      if (outcome === 'asked' && page.expected && askedReadable.length < 5) askedReadable.push(`#${n} ${page.layout} ${page.dateForm} [${page.noise}]`);
      // A page no one could read is never read.
      if (!page.expected) expect(outcome, `#${n} ${page.layout}`).toBe('asked');
    }
    const share = (x: number) => `${((100 * x) / PAGES).toFixed(1)}%`;
    console.log(
      `validity on ${PAGES} generated pages: read right ${count.right} (${share(count.right)}), asked ${count.asked} (${share(count.asked)}), wrong ${count.wrong}\n` +
        [...byLayout].map(([k, v]) => `  ${k}: right ${v.right}, asked ${v.asked}, wrong ${v.wrong}`).join('\n') +
        (askedReadable.length ? `\n  asked although readable, e.g.:\n    ${askedReadable.join('\n    ')}` : ''),
    );
    expect(wrong, 'wrong readings').toEqual([]);
    expect(count.wrong).toBe(0);
    expect(count.asked / PAGES).toBeLessThan(0.05);
    // The generator must have made every kind of layout, or the figures prove less than they say.
    expect([...byLayout.keys()].sort()).toEqual(['history', 'range', 'two-ends', 'unreadable', 'until-only']);
    expect(mixed, 'pages whose certificate facts share the annotation block').toBeGreaterThan(PAGES / 5);
  });
});
