// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// What a page shows, read once per recognition and shared by every step: its visible
// controls, its visible text blocks and its title. Steps ask questions of this view.

import { compact, controlKey, isHidden, normaliseText, textBlocks, visibleControls, type Control, type TextBlock } from './text';

export interface PageView {
  doc: Document;
  url: URL;
  now: number;
  /** normaliseText(document.title) */
  title: string;
  controls: Control[];
  blocks: TextBlock[];
}

export function readPage(doc: Document, url: URL, now: number = Date.now()): PageView {
  return { doc, url, now, title: normaliseText(doc.title), controls: visibleControls(doc), blocks: textBlocks(doc) };
}

/** Controls whose name is one of `names` (compared by controlKey), in document order. */
export function controlsNamed(view: PageView, names: readonly string[], opts: { enabledOnly?: boolean; within?: Element } = {}): Control[] {
  const keys = names.map(controlKey);
  return view.controls.filter(
    (c) => keys.includes(c.key) && !(opts.enabledOnly && c.disabled) && (!opts.within || opts.within.contains(c.element)),
  );
}

export function firstControl(view: PageView, names: readonly string[], opts: { enabledOnly?: boolean; within?: Element } = {}): Control | undefined {
  return controlsNamed(view, names, opts)[0];
}

/**
 * A short visible message holding the phrase: a block whose text (without spaces) matches
 * and is not much longer than the match. Prose that merely quotes the phrase is too long.
 */
export function findMessage(view: PageView, phrase: RegExp, slack = 12, within?: Element): TextBlock | undefined {
  for (const block of view.blocks) {
    if (within && !within.contains(block.element)) continue;
    const text = compact(block.text);
    const m = phrase.exec(text);
    if (m && text.length <= m[0].length + slack && !isHidden(block.element)) return block;
  }
  return undefined;
}

/** A label standing alone (资格名称, 资格名称：) or starting a short block (资格名称：社会工作者). */
export function findLabel(view: PageView, label: RegExp, within?: Element): TextBlock | undefined {
  return findMessage(view, new RegExp(`^(?:${label.source})`), 40, within);
}

const COLON = '[:：]';

/**
 * The value shown for a label: the rest of the label's own block ("证书编号：2205…"),
 * or the next block when the label stands alone (<th>管理号</th><td>2205…</td>).
 * Undefined when no label, or several labels disagree.
 */
export function labelValue(view: PageView, label: RegExp, within?: Element): string | undefined {
  const values = new Set<string>();
  const shownInline: Element[] = [];
  const blocks = within ? view.blocks.filter((b) => within.contains(b.element)) : view.blocks;
  const alone = new RegExp(`^(?:${label.source})${COLON}?$`);
  const inline = new RegExp(`(?:^|\\s)(?:${label.source})\\s*${COLON}\\s*(\\S+)`);
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!.text;
    if (alone.test(compact(text))) {
      // The label's own block already shows its value (<div><span>管理号：</span>2205…</div>).
      if (shownInline.some((el) => el.contains(blocks[i]!.element))) continue;
      const next = blocks[i + 1];
      if (next && !/[:：]$/.test(next.text) && !blocks[i]!.element.contains(next.element)) values.add(next.text);
      continue;
    }
    const m = inline.exec(text);
    if (m?.[1]) {
      values.add(m[1]);
      shownInline.push(blocks[i]!.element);
    }
  }
  return values.size === 1 ? [...values][0] : undefined;
}

/** True when any block, the title or a heading shows one of the words. */
export function pageMentions(view: PageView, word: RegExp, maxBlockLength = 40): boolean {
  if (word.test(compact(view.title))) return true;
  return view.blocks.some((b) => b.text.length <= maxBlockLength && word.test(compact(b.text)));
}

/** The nearest ancestor (or self) that satisfies the test, at most `levels` up. */
export function closestUp(el: Element, test: (e: Element) => boolean, levels = 8): Element | null {
  let e: Element | null = el;
  for (let i = 0; e && i <= levels; i++, e = e.parentElement) if (test(e)) return e;
  return null;
}

/** Presence (never the value) of a visible password field. */
export function hasPasswordField(view: PageView): boolean {
  return Array.from(view.doc.querySelectorAll('input[type=password]')).some((el) => !isHidden(el));
}

/**
 * A visible field that asks for something by its placeholder or accessible name (请输入证件号码):
 * forms drawn by script often have no label text. The field's value is never read.
 */
export function fieldAsks(view: PageView, what: RegExp): boolean {
  for (const el of Array.from(view.doc.querySelectorAll('input[placeholder], input[aria-label], textarea[placeholder]'))) {
    const prompt = compact(normaliseText(`${el.getAttribute('placeholder') ?? ''} ${el.getAttribute('aria-label') ?? ''}`));
    if (what.test(prompt) && !(isHidden(el))) return true;
  }
  return false;
}
