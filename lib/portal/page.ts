// What a page shows, read once per recognition and shared by every step: its visible
// controls, its visible text blocks and its title. Steps ask questions of this view.
//
// The view is lazy: nothing is read until a step asks, and what one step read is kept
// for the others for the rest of the pass (the page does not change during a pass).
// Controls are indexed by name and their visibility is checked only when a name
// matches; text blocks are read only when a step's words could be on the page at all
// (mayShow: a cheap test on the page's whole text that never rejects a page that the
// full read would accept). tests/unit/portal/equivalence.test.ts holds it to the full read:
// the same steps run over this view and over the reference view
// (tests/unit/portal/reference/page.ts), a plain read of every control and block, and must
// say the same. The queries below take either view: what only the fast view can answer
// quickly, it answers from its indexes; any other view is asked its plain lists.

import {
  compact,
  controlCandidates,
  controlKey,
  controlName,
  isHiddenByMarkup,
  MAYBE_HIDDEN_BY_MARKUP,
  normaliseText,
  textBlocks,
  type Control,
  type TextBlock,
} from './text';
import { drain, type Sliced } from './sliced';

export interface PageView {
  doc: Document;
  url: URL;
  /** The instant the page is read (epoch ms): which day "today" is for what the page shows. */
  now: number;
  /** normaliseText(document.title) */
  title: string;
  /** Every visible control, in document order (read on first use). */
  readonly controls: Control[];
  /** Every visible text block, in document order (read on first use). */
  readonly blocks: TextBlock[];
  /** Whether the holder cannot see the element (text.ts isHidden, as this view reads it). */
  isHidden(el: Element): boolean;
  /** False only when the page certainly shows no text the pattern matches (a view that cannot tell says true). */
  mayShow(pattern: RegExp): boolean;
}

interface Candidate {
  /** Its place among the candidates (document order). */
  index: number;
  element: Element;
  key: string;
  control?: LazyControl;
  hidden?: boolean;
}

/** A control whose disabled state is read when first asked. */
class LazyControl implements Control {
  readonly element: Element;
  readonly key: string;
  private disabledState?: boolean;
  constructor(readonly candidate: Candidate) {
    this.element = candidate.element;
    this.key = candidate.key;
  }
  get disabled(): boolean {
    this.disabledState ??= this.element.hasAttribute('disabled') || this.element.getAttribute('aria-disabled') === 'true';
    return this.disabledState;
  }
}

class LazyPageView implements PageView {
  readonly title: string;
  private candidateList?: Candidate[];
  private byKey?: Map<string, Candidate[]>;
  private controlList?: Control[];
  private blockList?: TextBlock[];
  private compactBlocks?: string[];
  private markupUp = new Map<Element, boolean>();
  private pageText?: string;
  private layoutless?: boolean;

  constructor(
    readonly doc: Document,
    readonly url: URL,
    readonly now: number,
  ) {
    this.title = normaliseText(doc.title);
  }

  /** Every element that looks like a control, with its name (whether visible or not). */
  candidates(): Candidate[] {
    if (!this.candidateList) drain(this.readCandidates());
    return this.candidateList!;
  }

  /** Reads the candidates, pausing every CANDIDATES_PER_SLICE of them. */
  *readCandidates(): Sliced<void> {
    if (this.candidateList) return;
    const list: Candidate[] = [];
    const byKey = new Map<string, Candidate[]>();
    const elements = controlCandidates(this.doc);
    for (let i = 0; i < elements.length; i++) {
      if (i > 0 && i % CANDIDATES_PER_SLICE === 0) yield;
      const element = elements[i]!;
      const key = controlKey(controlName(element));
      if (!key || key.length > 60) continue;
      const c: Candidate = { index: list.length, element, key };
      list.push(c);
      const same = byKey.get(key);
      if (same) same.push(c);
      else byKey.set(key, [c]);
    }
    // Asked for at once meanwhile (drained): that reading stands.
    if (this.candidateList) return;
    this.candidateList = list;
    this.byKey = byKey;
  }

  named(key: string): Candidate[] {
    this.candidates();
    return this.byKey!.get(key) ?? [];
  }

  /** The candidate as a Control when it is visible, else undefined. */
  visible(c: Candidate): Control | undefined {
    if (c.hidden === undefined) c.hidden = this.isHidden(c.element);
    return c.hidden ? undefined : this.asControl(c);
  }

  /** The candidate as a Control, visible or not (its visibility is asked separately). */
  asControl(c: Candidate): Control {
    c.control ??= new LazyControl(c);
    return c.control;
  }

  isVisible(c: Candidate): boolean {
    return this.visible(c) !== undefined;
  }

  get controls(): Control[] {
    if (!this.controlList) {
      const out: Control[] = [];
      for (const c of this.candidates()) {
        const control = this.visible(c);
        if (control) out.push(control);
      }
      this.controlList = out;
    }
    return this.controlList;
  }

  get blocks(): TextBlock[] {
    this.blockList ??= textBlocks(this.doc);
    return this.blockList;
  }

  /** compact(text) of each block, computed once. */
  compactText(i: number): string {
    this.compactBlocks ??= [];
    return (this.compactBlocks[i] ??= compact(this.blocks[i]!.text));
  }

  /** isHidden (text.ts) with the markup of each ancestor read once per pass. */
  isHidden(el: Element): boolean {
    if (el.closest(MAYBE_HIDDEN_BY_MARKUP) && this.hiddenByMarkupUp(el)) return true;
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    this.layoutless ??= isLayoutless(this.doc);
    if (typeof check === 'function' && !this.layoutless) {
      try {
        return !check.call(el, { visibilityProperty: true });
      } catch {
        return false;
      }
    }
    return false;
  }

  private hiddenByMarkupUp(el: Element | null): boolean {
    if (!el) return false;
    let known = this.markupUp.get(el);
    if (known === undefined) {
      known = isHiddenByMarkup(el) || this.hiddenByMarkupUp(el.parentElement);
      this.markupUp.set(el, known);
    }
    return known;
  }

  /**
   * False only when the page's text cannot hold a match: no alternative of the pattern
   * finds the characters it needs, in its order, in NFKC of the text under the root.
   * Sound because every block's normalised text, read for ideographs, digits and colons
   * only, is a subsequence of that text: the blocks' text nodes are among the root's, in
   * the same order, and NFKC maps these characters one by one without reordering them
   * or composing them with a neighbour.
   */
  mayShow(pattern: RegExp): boolean {
    const needs = patternNeeds(pattern);
    if (!needs) return true;
    if (this.pageText === undefined) {
      const root = this.doc.body ?? this.doc.documentElement;
      this.pageText = root ? (root.textContent ?? '').normalize('NFKC') : '';
    }
    const text = this.pageText;
    /** Where the earliest match of the needs that starts at `from` ends, or -1. */
    const end = (need: Need, from: number): number => {
      let at = from;
      for (const item of need.all) {
        if (typeof item === 'number') {
          const found = text.indexOf(String.fromCharCode(item), at);
          if (found < 0) return -1;
          at = found + 1;
        } else {
          at = earliest(item, at);
          if (at < 0) return -1;
        }
      }
      return at;
    };
    const earliest = (alternatives: Need[], from: number): number => {
      let best = -1;
      for (const alt of alternatives) {
        const e = end(alt, from);
        if (e >= 0 && (best < 0 || e < best)) best = e;
      }
      return best;
    };
    return earliest(needs, 0) >= 0;
  }
}

function isLayoutless(doc: Document): boolean {
  const view = doc.defaultView as (Window & { happyDOM?: unknown }) | null | undefined;
  return !view || 'happyDOM' in view;
}

/** Characters that, found in a block's normalised text, are surely in NFKC of the page's text. */
const SAFE = /^[\u3400-\u4dbf\u4e00-\u9fff0-9:]$/;

/** What a pattern cannot match without: each item in this order, an item being a character or one of several alternatives. */
type Need = { all: (number | Need[])[] };
const needsOf = new WeakMap<RegExp, Need[] | null>();

/**
 * For a pattern, the characters each of its alternatives needs: literal ideographs,
 * digits and colons outside optional parts, classes of such characters, and groups.
 * Null when the pattern uses something this reading does not follow (lookarounds,
 * flags other than g and i): then the pattern is never rejected.
 */
export function patternNeeds(pattern: RegExp): Need[] | null {
  if (needsOf.has(pattern)) return needsOf.get(pattern)!;
  let result: Need[] | null = null;
  if (!/[^gi]/.test(pattern.flags)) {
    try {
      const [alternatives, end] = parseAlternatives(pattern.source, 0);
      if (end === pattern.source.length) result = alternatives;
    } catch {
      result = null;
    }
  }
  needsOf.set(pattern, result);
  return result;
}

class Unsupported extends Error {}

/** Parses alternatives from i up to an unmatched ')' or the end; returns them and where it stopped. */
function parseAlternatives(src: string, start: number): [Need[], number] {
  const alternatives: Need[] = [];
  let current: Need = { all: [] };
  let i = start;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ')') break;
    if (ch === '|') {
      alternatives.push(current);
      current = { all: [] };
      i++;
      continue;
    }
    let item: number | Need[] | null = null;
    if (ch === '\\') {
      // \d, \s, \. …: needs nothing we name. Escapes that span more characters are not followed.
      if (/[uxcpPk0-9]/.test(src[i + 1] ?? '')) throw new Unsupported();
      i += 2;
    } else if (ch === '[') {
      const close = classEnd(src, i);
      item = classNeed(src.slice(i + 1, close));
      i = close + 1;
    } else if (ch === '(') {
      if (src[i + 1] === '?') {
        if (src[i + 2] !== ':') throw new Unsupported();
        i += 3;
      } else i++;
      const [inner, end] = parseAlternatives(src, i);
      if (src[end] !== ')') throw new Unsupported();
      item = inner;
      i = end + 1;
    } else {
      const c = ch.normalize('NFKC');
      item = SAFE.test(c) ? c.charCodeAt(0) : null;
      i++;
    }
    // A quantifier: ? * and {…} may leave the item out (it then needs nothing); + keeps it.
    const q = src[i];
    if (q === '?' || q === '*') {
      item = null;
      i++;
    } else if (q === '+') {
      i++;
    } else if (q === '{') {
      const close = src.indexOf('}', i);
      if (close < 0) throw new Unsupported();
      item = null;
      i = close + 1;
    }
    if (q && '?*+{'.includes(q) && src[i] === '?') i++; // lazy
    if (item !== null) current.all.push(item);
  }
  alternatives.push(current);
  return [alternatives, i];
}

function classEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return i;
  }
  throw new Unsupported();
}

/** A class of plain safe characters ([:：]) needs one of them; any other class needs nothing. */
function classNeed(body: string): Need[] | null {
  if (!body || body.startsWith('^') || /[\\-]/.test(body)) return null;
  const out: Need[] = [];
  for (const ch of body) {
    const c = ch.normalize('NFKC');
    if (!SAFE.test(c)) return null;
    out.push({ all: [c.charCodeAt(0)] });
  }
  return out;
}

/** Controls read between two pauses when the page is read in slices. */
const CANDIDATES_PER_SLICE = 25;

/** Reads the page's controls ahead, pausing between slices (a view that cannot, reads them when asked). */
export function* readControlsInSlices(view: PageView): Sliced<void> {
  const lazy = internal(view);
  if (lazy) yield* lazy.readCandidates();
}

function internal(view: PageView): LazyPageView | undefined {
  return view instanceof LazyPageView ? view : undefined;
}

export function readPage(doc: Document, url: URL, now: number = Date.now()): PageView {
  return new LazyPageView(doc, url, now);
}

/** isHidden, sharing what this pass already read. */
export function isHiddenIn(view: PageView, el: Element): boolean {
  return view.isHidden(el);
}



/** True unless the page certainly shows no text the pattern matches (see LazyPageView.mayShow). */
export function mayShow(view: PageView, pattern: RegExp): boolean {
  return view.mayShow(pattern);
}

/** Controls whose name is one of `names` (compared by controlKey), in document order. */
export function controlsNamed(view: PageView, names: readonly string[], opts: { enabledOnly?: boolean; within?: Element } = {}): Control[] {
  const lazy = internal(view);
  const keys = names.map(controlKey);
  const accept = (c: Control): boolean => !(opts.enabledOnly && c.disabled) && (!opts.within || opts.within.contains(c.element));
  if (!lazy) return view.controls.filter((c) => keys.includes(c.key) && accept(c));
  const found: Candidate[] = [];
  for (const key of new Set(keys)) found.push(...lazy.named(key));
  if (found.length > 1 && new Set(keys).size > 1) sortInDocumentOrder(found);
  const out: Control[] = [];
  for (const c of found) {
    const control = lazy.visible(c);
    if (control && accept(control)) out.push(control);
  }
  return out;
}

/** The first visible control whose name passes the test, in document order. */
export function firstControlWhere(view: PageView, test: (key: string) => boolean): Control | undefined {
  const lazy = internal(view);
  if (!lazy) return view.controls.find((c) => test(c.key));
  for (const c of lazy.candidates()) {
    if (!test(c.key)) continue;
    const control = lazy.visible(c);
    if (control) return control;
  }
  return undefined;
}

/**
 * Controls whose name passes the test, in document order: visible ones, or with
 * `visibleOnly: false` all of them, their visibility left to isVisibleControl (asked
 * only of those that matter).
 */
export function controlsWhere(view: PageView, test: (key: string) => boolean, opts: { visibleOnly?: boolean } = {}): Control[] {
  const visibleOnly = opts.visibleOnly ?? true;
  const lazy = internal(view);
  if (!lazy) return view.controls.filter((c) => test(c.key));
  const out: Control[] = [];
  for (const c of lazy.candidates()) {
    if (!test(c.key)) continue;
    const control = visibleOnly ? lazy.visible(c) : lazy.asControl(c);
    if (control) out.push(control);
  }
  return out;
}

/** Whether a control is visible (hidden ones must never be chosen). */
export function isVisibleControl(view: PageView, control: Control): boolean {
  const lazy = internal(view);
  if (lazy && control instanceof LazyControl) return lazy.isVisible(control.candidate);
  return !isHiddenIn(view, control.element);
}

function sortInDocumentOrder(list: Candidate[]): void {
  list.sort((a, b) => a.index - b.index);
}

export function firstControl(view: PageView, names: readonly string[], opts: { enabledOnly?: boolean; within?: Element } = {}): Control | undefined {
  return controlsNamed(view, names, opts)[0];
}

/**
 * A short visible message holding the phrase: a block whose text (without spaces) matches
 * and is not much longer than the match. Prose that merely quotes the phrase is too long.
 */
export function findMessage(view: PageView, phrase: RegExp, slack = 12, within?: Element): TextBlock | undefined {
  if (!mayShow(view, phrase)) return undefined;
  const lazy = internal(view);
  const blocks = view.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (within && !within.contains(block.element)) continue;
    const text = lazy ? lazy.compactText(i) : compact(block.text);
    const m = phrase.exec(text);
    if (m && text.length <= m[0].length + slack && !isHiddenIn(view, block.element)) return block;
  }
  return undefined;
}

const anchored = new WeakMap<RegExp, RegExp>();

/** A label standing alone (资格名称, 资格名称：) or starting a short block (资格名称：社会工作者). */
export function findLabel(view: PageView, label: RegExp, within?: Element): TextBlock | undefined {
  let re = anchored.get(label);
  if (!re) anchored.set(label, (re = new RegExp(`^(?:${label.source})`)));
  if (!mayShow(view, label)) return undefined;
  return findMessage(view, re, 40, within);
}

const COLON = '[:：]';
const labelPatterns = new WeakMap<RegExp, { alone: RegExp; inline: RegExp }>();

/**
 * The value shown for a label: the rest of the label's own block ("证书编号：2205…"),
 * or the next block when the label stands alone (<th>管理号</th><td>2205…</td>).
 * Undefined when no label, or several labels disagree.
 */
export function labelValue(view: PageView, label: RegExp, within?: Element): string | undefined {
  if (!mayShow(view, label)) return undefined;
  const values = new Set<string>();
  const shownInline: Element[] = [];
  const blocks = within ? view.blocks.filter((b) => within.contains(b.element)) : view.blocks;
  let patterns = labelPatterns.get(label);
  if (!patterns) {
    patterns = {
      alone: new RegExp(`^(?:${label.source})${COLON}?$`),
      inline: new RegExp(`(?:^|\\s)(?:${label.source})\\s*${COLON}\\s*(\\S+)`),
    };
    labelPatterns.set(label, patterns);
  }
  const { alone, inline } = patterns;
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
  if (!mayShow(view, word)) return false;
  const lazy = internal(view);
  return view.blocks.some((b, i) => b.text.length <= maxBlockLength && word.test(lazy ? lazy.compactText(i) : compact(b.text)));
}

/** The nearest ancestor (or self) that satisfies the test, at most `levels` up. */
export function closestUp(el: Element, test: (e: Element) => boolean, levels = 8): Element | null {
  let e: Element | null = el;
  for (let i = 0; e && i <= levels; i++, e = e.parentElement) if (test(e)) return e;
  return null;
}

/** Presence (never the value) of a visible password field. */
export function hasPasswordField(view: PageView): boolean {
  return Array.from(view.doc.querySelectorAll('input[type=password]')).some((el) => !isHiddenIn(view, el));
}

/**
 * A visible field that asks for something by its placeholder or accessible name (请输入证件号码):
 * forms drawn by script often have no label text. The field's value is never read.
 */
export function fieldAsks(view: PageView, what: RegExp): boolean {
  for (const el of Array.from(view.doc.querySelectorAll('input[placeholder], input[aria-label], textarea[placeholder]'))) {
    const prompt = compact(normaliseText(`${el.getAttribute('placeholder') ?? ''} ${el.getAttribute('aria-label') ?? ''}`));
    if (what.test(prompt) && !(isHiddenIn(view, el))) return true;
  }
  return false;
}
