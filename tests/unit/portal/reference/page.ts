// The reference page view: what a page shows, read the plain way. Every visible control
// and every visible text block are read up front with the reference text reading
// (./text.ts); hidden means ./text.ts isHidden; no pattern is ever ruled out in advance.
//
// tests/unit/portal/equivalence.test.ts runs the same steps (lib/portal/steps) over this
// view and over the fast one (lib/portal/page.ts readPage) and requires the same
// recognition, field for field and target for target. There is no second copy of the
// steps: to change what recognition *means* (a new rule, a new step), change the step
// module in lib/portal/steps only; this file changes only when what a page *shows* means
// (see ./text.ts), and then lib/portal/text.ts and lib/portal/page.ts change with it.
import type { PageView } from '../../../../lib/portal/page';
import { isHidden, normaliseText, textBlocks, visibleControls } from './text';

export function referenceReadPage(doc: Document, url: URL, now: number = Date.now()): PageView {
  return {
    doc,
    url,
    now,
    title: normaliseText(doc.title),
    controls: visibleControls(doc),
    blocks: textBlocks(doc),
    isHidden,
    mayShow: () => true,
  };
}
