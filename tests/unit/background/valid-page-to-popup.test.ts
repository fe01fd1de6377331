// From what a page shows to what the popup says, for every saved annotation page that shows
// the annotation valid and for generated ones: the reading the guide sends (checked by the
// message schema as the background checks it), what the background stores from it, and the
// popup's entry. Valid on the page is valid in the popup, with the page's last day or with
// "last day unknown"; never 未加注.
import { describe, expect, test } from 'vitest';
import { Window } from 'happy-dom';
import { recognisePage } from '../portal/any-recognition';
import { annotationReading } from '../../../lib/guide/report';
import { Message } from '../../../lib/messages';
import { planAnnotationSeen } from '../../../lib/background/portal-records';
import { describeCertificate } from '../../../lib/popup/view';
import { startOfBeijingDay } from '../../../lib/dates/beijing';
import { SAVED, loadShared } from '../portal/fixtures';
import { generateAnnotationPage } from '../../fixtures/generate-annotation';

const NUMBER = '2205110000300127';

function popupAfter(doc: Document, url: URL, now: number) {
  const rec = recognisePage(doc, url, { now });
  const reading = annotationReading(rec);
  const parsed = Message.parse({ type: 'portal/annotation-seen', reading });
  if (parsed.type !== 'portal/annotation-seen') throw new Error('not a reading');
  const plan = planAnnotationSeen([], NUMBER, parsed.reading, now, () => 'id-1');
  const stored = plan.change === 'created' ? [plan.record, ...(plan.also ? [plan.also] : [])] : [];
  return { rec, entry: describeCertificate(NUMBER, undefined, stored, now) };
}

describe('valid on the page is valid in the popup', () => {
  // The saved pages' validities run to 2026-12-01 or later; a day they all hold.
  const NOW = startOfBeijingDay('2026-11-20') + 10 * 3_600_000;
  for (const p of SAVED.filter((x) => x.step === 'annotation' && x.annotationState === 'valid')) {
    test(p.file, async () => {
      const { document, url } = await loadShared(p.file);
      const { rec, entry } = popupAfter(document, url, NOW);
      expect(entry.state).toBe('valid');
      if (rec.annotation?.validity === 'read') {
        expect(entry.valid?.validUntil).toBe(rec.annotation.validUntil);
        expect(entry.valid?.lastDayUnknown).toBe(false);
      } else expect(entry.valid?.lastDayUnknown).toBe(true);
    });
  }

  test('300 generated pages: the page\'s last day, or unknown; never 未加注, never another day', () => {
    let unknown = 0;
    for (let n = 0; n < 300; n++) {
      const page = generateAnnotationPage(77, n);
      const u = 'http://zs.cpta.com.cn/certMng/certAnnotation.do?method=view';
      const window = new Window({ url: u, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
      window.document.write(page.html);
      const now = startOfBeijingDay(page.today) + 12 * 3_600_000;
      const { entry } = popupAfter(window.document as unknown as Document, new URL(u), now);
      void window.happyDOM.abort(); // nothing loads: it only stops the window's timers
      expect(entry.state, `#${n} ${page.layout}`).toBe('valid');
      if (entry.valid!.lastDayUnknown) unknown++;
      else expect(entry.valid!.validUntil, `#${n} ${page.layout}`).toBe(page.expected?.until);
    }
    expect(unknown).toBeLessThan(300 * 0.05);
  });
});
