// Which changes of a page can change what recognition says of it. Recognition reads the
// flow's words (the labels, buttons and messages of lib/portal: lib/report/vocabulary.json
// holds every run of Han characters in its literals), the values next to or inside them
// (a 管理号 beside its label, a date in the validity block, a row's cells), their
// visibility, style sheets, and the last target. A change touches none of that when:
// - the nodes it adds, removes or changes hold none of the flow's words as recognition reads
//   them (text, visible text, the names a control takes from attributes, old values
//   included), nor a part that may join one (mayJoinFlowWord), no style sheet, not the target;
// - none of their near ancestors (up to ANCESTORS levels, below <body>; an element that
//   only wraps the one below it is no level) holds a flow word,
//   so it is not a value inside a label's block or a row;
// - the text just before it (the last visible text before an insertion, before each
//   ancestor) does not end in a flow word: a label standing alone, whose value comes next;
// - it brings or takes no text of <body>'s own (which makes the whole page one block).
// Then the step and the target cannot have changed and the page is not read again: a
// clock or a ticker outside the flow costs a few checks, not a pass over 10,000
// elements. tests/unit/guide/relevance.test.ts holds this to recognition itself on
// random changes of every saved page. Known blind spots, rare on real pages: a text put
// inside a word, splitting it (加x注申请成功), where nothing else near holds a flow word; a
// value more than ANCESTORS levels below its label's block; style rules that reach beyond
// the changed element (sibling combinators, :has()); changes of the CSSOM, which no record
// reports; a field's value written by script with no click of the holder's before it.
// Only the words no other word ends in (scripts/portal-vocabulary.mjs, endingsOf): a text
// holds or ends in a flow word exactly when it holds or ends in one of these.
import { endings as flowWordList } from '../report/vocabulary.json';
import { isSkippedForText, MAYBE_SKIPPED, normaliseText, visibleTextOf } from '../portal/text';

/** How far up from a changed node its ancestors are looked at (wrappers of a single element not counted). */
const ANCESTORS = 6;
/** Text longer than this is not read for words: the change counts. */
const MAX_TEXT = 20_000;
/** A subtree with more elements than this counts without looking. */
const MAX_ELEMENTS = 400;
/** Attributes a control or field takes its name from. */
const NAMING = ['value', 'alt', 'aria-label', 'title', 'placeholder'];
/** Label answers kept across batches at most (the neighbours of what keeps changing); a page that changes everywhere starts over. */
const MAX_KEPT = 200;
/** Elements that bring style sheets: any of them may show or hide anything. */
const STYLE_TAGS = new Set(['STYLE', 'LINK']);

let flowWords: RegExp | undefined;
let labelEnds: Set<string> | undefined;
let longestWord = 0;
/** The length of the longest flow word, computed once. */
const longest = (): number => (longestWord ||= Math.max(...flowWordList.map((w) => w.length)));

/**
 * Characters that NFKC turns into ideographs, as normaliseText reads them (lib/portal/text.ts):
 * radicals (⾦), kanbun marks (㆒), enclosed ideographs (㊐, 🈚), compatibility ideographs
 * (﨑, and those of the supplementary plane). Text without them is not normalised here.
 */
const BECOMES_IDEOGRAPH = /[\u2e80-\u2fdf\u3190-\u319f\u3200-\u33ff\uf900-\ufaff]|\ud83c[\ude00-\udeff]|\ud87e[\udc00-\ude1f]/;

/**
 * True when the text holds one of the flow's words as recognition reads it: spaces inside
 * words ignored, the zero-width space and the byte-order mark among them (normaliseText
 * folds them into spaces and controlKey drops those), and under NFKC.
 */
export function holdsFlowWord(text: string | null | undefined): boolean {
  if (!text) return false;
  flowWords ??= new RegExp(flowWordList.join('|'));
  return flowWords.test(asRead(text));
}

/** The text as holdsFlowWord compares it: without spaces, under NFKC where that makes ideographs. */
function asRead(text: string): string {
  const t = /[\s\u200b]/.test(text) ? text.replace(/[\s\u200b]+/g, '') : text;
  return BECOMES_IDEOGRAPH.test(t) ? t.normalize('NFKC') : t;
}

/** Pieces of the flow's words: how one may end (a proper suffix), begin (a proper prefix), or a part strictly inside. */
let pieces: { ends: Set<string>; begins: Set<string>; inside: Set<string> } | undefined;

/**
 * True when the text, put next to other text, may be a part of a flow word: it begins with
 * the end of one (注申请成功 after 加), ends with the beginning of one, or lies inside one.
 * A change that takes such a text away may break a word that only the old page held
 * (加 + 注申请成功 was read as 加注申请成功, a confirmation); one that brings it may
 * make one across a part that is not read. Only the words no other word ends in are
 * carried (vocabulary.json endings): a word the text joins that none of them ends or
 * lies in still holds one of them whole, next to the change, where the ancestors' text is
 * read (nearFlow).
 */
export function mayJoinFlowWord(text: string | null | undefined): boolean {
  if (!text) return false;
  if (!pieces) {
    pieces = { ends: new Set(), begins: new Set(), inside: new Set() };
    for (const w of flowWordList) {
      for (let i = 1; i < w.length; i++) {
        pieces.ends.add(w.slice(i));
        pieces.begins.add(w.slice(0, i));
      }
      for (let i = 1; i < w.length - 1; i++) for (let j = i + 1; j < w.length; j++) pieces.inside.add(w.slice(i, j));
    }
  }
  const t = asRead(text);
  const most = Math.min(t.length, longest() - 1);
  for (let n = 1; n <= most; n++) if (pieces.ends.has(t.slice(0, n)) || pieces.begins.has(t.slice(t.length - n))) return true;
  return t.length <= longest() - 2 && pieces.inside.has(t);
}

/** Elements that carry one of the NAMING attributes: one native test, not one look-up per name. */
const NAMED = NAMING.map((name) => `[${name}]`).join(',');
/** What `holds` looks for under an element: a style sheet, or an element that may be named by a flow word. */
const STYLE_OR_NAMED = `style,link,${NAMED}`;

function namedByAttributes(el: Element): boolean {
  if (!el.hasAttributes() || !el.matches(NAMED)) return false;
  for (const name of NAMING) if (holdsFlowWord(el.getAttribute(name))) return true;
  return false;
}

/** A node added or removed, or an element whose attributes changed: does it hold anything recognition reads? */
function holds(node: Node, target: Element | null): boolean {
  if (node.nodeType === 3) return holdsFlowWord(node.nodeValue) || mayJoinFlowWord(node.nodeValue);
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (target && (el === target || el.contains(target))) return true;
  const text = el.textContent ?? '';
  if (text.length > MAX_TEXT || holdsFlowWord(text)) return true;
  // A part hidden by markup inside a word (加<span hidden>x</span>注申请成功) is not read
  // (lib/portal/text.ts visibleTextOf): the text around it is, as one.
  const visible = el.querySelector(MAYBE_SKIPPED) ? visibleTextOf(el) : text;
  if ((visible !== text && holdsFlowWord(visible)) || mayJoinFlowWord(visible)) return true;
  if (STYLE_TAGS.has(el.tagName) || namedByAttributes(el)) return true;
  if (el.getElementsByTagName('*').length > MAX_ELEMENTS) return true;
  // Most subtrees hold neither: one native query says so.
  const inner = el.querySelectorAll(STYLE_OR_NAMED);
  for (let i = 0; i < inner.length; i++) if (STYLE_TAGS.has(inner[i]!.tagName) || namedByAttributes(inner[i]!)) return true;
  return false;
}

/** Text that normaliseText folds into nothing (lib/portal/text.ts ONLY_SPACE). */
const isBlank = (text: string | null | undefined): boolean => !text || /^[\s\u00a0\u200b\ufeff]*$/.test(text);

/** Whether any of the nodes is a text that is not blank. */
function holdsText(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.nodeType === 3 && !isBlank(nodes[i]!.nodeValue)) return true;
  return false;
}

/** Whether a reader leaves out a part of the element's text (a ticker's styled list is no such part). */
function skipsPart(el: Element): boolean {
  const maybe = el.querySelectorAll(MAYBE_SKIPPED);
  for (let i = 0; i < maybe.length; i++) if (isSkippedForText(maybe[i]!)) return true;
  return false;
}

/** The last text node a reader sees in `node` (scripts and parts hidden by markup left out). */
function lastText(node: Node): Text | null {
  if (node.nodeType === 3) return /\S/.test(node.nodeValue ?? '') ? (node as Text) : null;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  // Not read as text (lib/portal/text.ts), so never the block before another.
  if (isSkippedForText(el)) return null;
  for (let c = el.lastChild; c; c = c.previousSibling) {
    const found = lastText(c);
    if (found) return found;
  }
  return null;
}

/** Non-space characters kept from the end of a text before asking whether it ends in a label: the longest flow word, its colon, and room to spare. */
const LABEL_TAIL = 24;

/** Whitespace as normaliseText folds it (lib/portal/text.ts): ASCII and Unicode spaces, zero-width space, BOM. */
function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || code === 0x200b || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x1680 || code === 0x85;
}

/**
 * Whether the text ends in a flow word (and perhaps a colon), as a label standing alone
 * does. Only its end is normalised: a block's text can be long, and the ending is all
 * that is asked (spaces do not count, as they do not inside words).
 */
export const endsInLabel = (text: string): boolean => {
  labelEnds ??= new Set(flowWordList);
  let at = text.length;
  for (let kept = 0; at > 0 && kept < LABEL_TAIL; ) if (!isSpace(text.charCodeAt(--at))) kept++;
  let end = normaliseText(text.slice(at)).replace(/ /g, '');
  // NFKC made a full-width colon ASCII.
  if (end.endsWith(':')) end = end.slice(0, -1);
  // Each of its endings, looked up (a regular expression anchored at the end is tried from every place before it).
  for (let n = Math.min(longest(), end.length); n > 0; n--) if (labelEnds.has(end.slice(end.length - n))) return true;
  return false;
};

/** What labelBefore found from one node, and what it read to find it. */
interface LabelAnswer {
  /** The node asked about. */
  node: Node;
  /** It and the previous siblings walked, up to the one whose text was read. */
  read: Node[];
  parent: Node | null;
  /** The text read and the element holding it; none when no text came before. */
  text: Text | null;
  block: Element | null;
  /** Whether that text (or its block's) ends in a flow word; read when first needed. */
  ends?: boolean;
}

/** A control's name ([下载] ending a row) is no label: labels are the page's plain text. */
const CONTROL = 'a, button, [role=button]';

/**
 * Which changes can change what recognition says, asked batch by batch. What one batch
 * found out is kept: an ancestor's answer for the rest of the batch (the DOM does not
 * change while a batch is looked at, and a clock and a ticker in one block send several
 * changes whose ancestors are the same); the label before a node for as long as no change
 * touches what it read: the nodes walked, their siblings' order, their place. A ticker
 * after a 200-row table asks about the table's last text every 100 ms; it is read once.
 */
export interface Relevance {
  /** Every batch, all of its records (the guide's own included), before any of them is asked about. */
  see(records: readonly MutationRecord[]): void;
  /**
   * True when the change may change what recognition says (then the page is read again);
   * false only when it touches none of the flow's content. Needs the observer to record
   * old values (attributeOldValue, characterDataOldValue).
   */
  matters(r: MutationRecord, target: Element | null): boolean;
}

/** An answer about an element, asked once per batch of changes (the DOM does not change while a batch is looked at). */
interface PerBatch {
  (e: Element): boolean;
  /** A new batch: every answer is asked again. */
  forget(): void;
}

function perBatch(compute: (e: Element) => boolean): PerBatch {
  const answers = new Map<Element, boolean>();
  const ask = ((e: Element) => {
    let answer = answers.get(e);
    if (answer === undefined) {
      answer = compute(e);
      answers.set(e, answer);
    }
    return answer;
  }) as PerBatch;
  ask.forget = () => answers.clear();
  return ask;
}

export function createRelevance(): Relevance {
  // Label answers kept across batches, and by which nodes (read, or the parent of those read) a change drops them.
  const labels = new Map<Node, LabelAnswer>();
  const byRead = new Map<Node, Set<LabelAnswer>>();
  const byParent = new Map<Node, Set<LabelAnswer>>();
  const batchLabels = new Map<Node, LabelAnswer>();

  const index = (map: Map<Node, Set<LabelAnswer>>, node: Node, entry: LabelAnswer) => {
    const set = map.get(node);
    if (set) set.add(entry);
    else map.set(node, new Set([entry]));
  };
  const unindex = (map: Map<Node, Set<LabelAnswer>>, node: Node, entry: LabelAnswer) => {
    const set = map.get(node);
    if (set?.delete(entry) && set.size === 0) map.delete(node);
  };
  const keep = (entry: LabelAnswer) => {
    if (labels.size >= MAX_KEPT) forgetAll();
    labels.set(entry.node, entry);
    for (const n of entry.read) index(byRead, n, entry);
    if (entry.parent) index(byParent, entry.parent, entry);
  };
  const drop = (entry: LabelAnswer) => {
    labels.delete(entry.node);
    for (const n of entry.read) unindex(byRead, n, entry);
    if (entry.parent) unindex(byParent, entry.parent, entry);
  };
  const dropAll = (set: Set<LabelAnswer> | undefined) => {
    if (set) for (const entry of [...set]) drop(entry);
  };
  const forgetAll = () => {
    labels.clear();
    byRead.clear();
    byParent.clear();
  };

  /** A kept answer, asked again: whether its text is a control's name is asked anew (an ancestor may have moved into a link). */
  const answerOf = (entry: LabelAnswer): boolean => {
    const { text, block } = entry;
    if (!text || block?.closest(CONTROL)) return false;
    entry.ends ??= endsInLabel(text.nodeValue ?? '') || (!!block && endsInLabel(visibleTextOf(block)));
    return entry.ends;
  };

  /**
   * The text just before `node` (in `node`'s previous siblings, the last one a reader sees):
   * does it end in a flow word, as a label standing alone does, whose value comes next?
   */
  const labelBefore = (node: Node | null): boolean => {
    if (!node) return false;
    const known = labels.get(node) ?? batchLabels.get(node);
    if (known) return answerOf(known);
    const read: Node[] = [];
    let text: Text | null = null;
    for (let n: Node | null = node; n && !text; n = n.previousSibling) {
      read.push(n);
      text = lastText(n);
    }
    const parent = node.parentNode;
    const block = text?.parentElement ?? null;
    const entry: LabelAnswer = { node, read, parent, text, block };
    // A text standing as a sibling is read with its parent's whole text, which holds the
    // change itself: that answer is kept for this batch only.
    if (block && block === parent) batchLabels.set(node, entry);
    else keep(entry);
    return answerOf(entry);
  };

  /** Whether nothing under an element is left out of its text (lib/portal/text.ts isSkippedForText). */
  const readsWhole = perBatch((e) => !skipsPart(e));

  /**
   * Whether an element's text holds a flow word (or is too long to read for one), as its
   * textContent or as recognition reads it (a part hidden inside it joins the text around
   * it: 加<span hidden>·</span>注申请成功).
   */
  const textHolds = perBatch((e) => {
    const text = e.textContent ?? '';
    return text.length > MAX_TEXT || holdsFlowWord(text) || (!readsWhole(e) && holdsFlowWord(visibleTextOf(e)));
  });

  const isNamed = perBatch(namedByAttributes);

  /**
   * Whether an element is named by a flow word or stands just after a label (the changes of
   * one block share their ancestors: a ticker's removed and added notices both ask about
   * the list and the box around it).
   */
  const isMarked = perBatch((e) => isNamed(e) || labelBefore(e.previousSibling));

  /**
   * <body> and <html>, which nearFlow does not look at. Text of their own makes one block
   * of the whole page (lib/portal/text.ts textBlocks: an element that holds text directly is
   * read whole), in which a label and its value far apart are read together: a text coming
   * or going there matters whenever the page holds a flow word.
   */
  const isTop = (e: Element | null): boolean => !!e && (e === e.ownerDocument?.body || e === e.ownerDocument?.documentElement);

  /**
   * Whether a change inside `from` (the element whose children, text or attributes changed)
   * is near the flow's content: a near ancestor holds a flow word, is named by one, or
   * stands just after a label; or a label stands just before `before`, the change's own
   * previous sibling (a child of `from`).
   */
  const nearFlow = (from: Element | null, before: Node | null): boolean => {
    const doc = from?.ownerDocument;
    const chain: Element[] = [];
    // A wrapper around the one element below it (a table component's cell: <td><div><div>…<span>)
    // is looked at but not counted: the levels counted are those where other content joins.
    for (let e = from, levels = 0; e && levels < ANCESTORS && e !== doc?.body && e !== doc?.documentElement; e = e.parentElement) {
      chain.push(e);
      if (e === from || e.childElementCount !== 1) levels++;
    }
    const far = chain[chain.length - 1];
    // Each ancestor's text is a part of the next one's (its visible text too, unless it lies
    // in a part readers leave out): when the farthest holds no flow word, none of them does,
    // and one read of its text answers for all of them.
    const quiet = !!far && !textHolds(far);
    if (quiet && readsWhole(far)) {
      // Every text under `far` is read as its textContent has it (nothing is left out), and
      // that holds no flow word: no text there ends in a label, so no label stands before
      // `before` nor before a nearer ancestor (their previous siblings are all under `far`).
      // What is left: a name from attributes, and a label just before `far` itself. A
      // ticker's clock and notices are answered so, without reading their neighbours again.
      for (const e of chain) if (isNamed(e)) return true;
      return labelBefore(far.previousSibling);
    }
    if (labelBefore(before)) return true;
    for (const e of chain) if ((!quiet && textHolds(e)) || isMarked(e)) return true;
    return false;
  };

  return {
    see(records) {
      for (const memo of [readsWhole, textHolds, isNamed, isMarked]) memo.forget();
      batchLabels.clear();
      if (labels.size === 0) return;
      // A change inside what an answer read, or of the order of its nodes' siblings, drops it.
      for (const r of records) {
        if (r.type === 'childList') dropAll(byParent.get(r.target));
        for (let n: Node | null = r.target; n; n = n.parentNode) {
          const read = byRead.get(n);
          if (read) dropAll(read);
        }
      }
    },
    matters(r, target) {
      // <head> and the document itself: the title, style sheets. Rare; always read.
      const at = r.target;
      if (at.nodeType === 9 || (at.ownerDocument?.head && at.ownerDocument.head.contains(at))) return true;
      // A style sheet's own text, in <body> too: it may show or hide anything, as a new one may.
      const holder = at.nodeType === 1 ? (at as Element) : at.parentElement;
      if (holder && STYLE_TAGS.has(holder.tagName)) return true;
      if (r.type === 'characterData') {
        if (holdsFlowWord(r.oldValue) || holdsFlowWord(at.nodeValue) || mayJoinFlowWord(r.oldValue) || mayJoinFlowWord(at.nodeValue)) return true;
        if (isTop(at.parentElement) && isBlank(r.oldValue) !== isBlank(at.nodeValue) && textHolds(at.parentElement!)) return true;
        return nearFlow(at.parentElement, at.previousSibling);
      }
      if (r.type === 'attributes') {
        if (holdsFlowWord(r.oldValue)) return true;
        const el = at as Element;
        if (el === el.ownerDocument?.documentElement || el === el.ownerDocument?.body) return true;
        return holds(el, target) || nearFlow(el.parentElement, el.previousSibling);
      }
      // childList
      for (let i = 0; i < r.addedNodes.length; i++) if (holds(r.addedNodes[i]!, target)) return true;
      for (let i = 0; i < r.removedNodes.length; i++) if (holds(r.removedNodes[i]!, target)) return true;
      const parent = at.nodeType === 1 ? (at as Element) : at.parentElement;
      if (isTop(parent) && (holdsText(r.addedNodes) || holdsText(r.removedNodes)) && textHolds(parent!)) return true;
      return nearFlow(parent, r.previousSibling);
    },
  };
}
