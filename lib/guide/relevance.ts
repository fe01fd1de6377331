// Which changes of a page can change what recognition says of it. Recognition reads the
// flow's words (the labels, buttons and messages of lib/portal: lib/report/vocabulary.json
// holds every run of Han characters in its literals), the values next to or inside them
// (a 管理号 beside its label, a date in the validity block, a row's cells), their
// visibility, style sheets, and the last target. A change touches none of that when:
// - the nodes it adds, removes or changes hold none of the flow's words (text, the names
//   a control takes from attributes, old values included), no style sheet, not the target;
// - none of their near ancestors (up to ANCESTORS levels, below <body>) holds a flow word,
//   so it is not a value inside a label's block or a row;
// - the text just before it (the last visible text before an insertion, before each
//   ancestor) does not end in a flow word: a label standing alone, whose value comes next.
// Then the step and the target cannot have changed and the page is not read again: a
// clock or a ticker outside the flow costs a few checks, not a pass over 10,000
// elements. tests/unit/guide/relevance.test.ts holds this to recognition itself on
// random changes of every saved page.
// Only the words no other word ends in (scripts/portal-vocabulary.mjs, endingsOf): a text
// holds or ends in a flow word exactly when it holds or ends in one of these.
import { endings as flowWordList } from '../report/vocabulary.json';
import { isHiddenByMarkup, normaliseText, visibleTextOf } from '../portal/text';

/** How far up from a changed node its ancestors are looked at. */
const ANCESTORS = 6;
/** Text longer than this is not read for words: the change counts. */
const MAX_TEXT = 20_000;
/** A subtree with more elements than this counts without looking. */
const MAX_ELEMENTS = 400;
/** Not read as text (lib/portal/text.ts), so never the block before another. */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'SELECT', 'TEXTAREA']);
/** Attributes a control or field takes its name from. */
const NAMING = ['value', 'alt', 'aria-label', 'title', 'placeholder'];
/** Elements that bring style sheets: any of them may show or hide anything. */
const STYLE_TAGS = new Set(['STYLE', 'LINK']);

let flowWords: RegExp | undefined;
let labelEnd: RegExp | undefined;

/** True when the text holds one of the flow's words (spaces inside words ignored, as controlKey does). */
export function holdsFlowWord(text: string | null | undefined): boolean {
  if (!text) return false;
  flowWords ??= new RegExp(flowWordList.join('|'));
  let t = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  // Compatibility ideographs (⾦, 﨑) become their plain forms under NFKC, as normaliseText reads them.
  if (/[\u2e80-\u2fdf\uf900-\ufaff]/.test(t)) t = t.normalize('NFKC');
  return flowWords.test(t);
}

function namedByAttributes(el: Element): boolean {
  if (!el.hasAttributes()) return false;
  for (const name of NAMING) if (holdsFlowWord(el.getAttribute(name))) return true;
  return false;
}

/** A node added or removed, or an element whose attributes changed: does it hold anything recognition reads? */
function holds(node: Node, target: Element | null): boolean {
  if (node.nodeType === 3) return holdsFlowWord(node.nodeValue);
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (target && (el === target || el.contains(target))) return true;
  const text = el.textContent ?? '';
  if (text.length > MAX_TEXT || holdsFlowWord(text)) return true;
  if (STYLE_TAGS.has(el.tagName) || namedByAttributes(el)) return true;
  const inner = el.getElementsByTagName('*');
  if (inner.length > MAX_ELEMENTS) return true;
  for (let i = 0; i < inner.length; i++) if (STYLE_TAGS.has(inner[i]!.tagName) || namedByAttributes(inner[i]!)) return true;
  return false;
}

/** The last text node a reader sees in `node` (scripts and parts hidden by markup left out). */
function lastText(node: Node): Text | null {
  if (node.nodeType === 3) return /\S/.test(node.nodeValue ?? '') ? (node as Text) : null;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  if (NOT_TEXT.has(el.tagName) || isHiddenByMarkup(el)) return null;
  for (let c = el.lastChild; c; c = c.previousSibling) {
    const found = lastText(c);
    if (found) return found;
  }
  return null;
}

const endsInLabel = (text: string): boolean => {
  labelEnd ??= new RegExp(`(?:${flowWordList.join('|')})[:：]?$`);
  return labelEnd.test(normaliseText(text).replace(/ /g, ''));
};

/**
 * The text just before `node` (in `node`'s previous siblings, the last one a reader sees):
 * does it end in a flow word, as a label standing alone does, whose value comes next?
 */
function labelBefore(node: Node | null): boolean {
  for (let n = node; n; n = n.previousSibling) {
    const text = lastText(n);
    if (!text) continue;
    const block = text.parentElement;
    // A control's name ([下载] ending a row) is no label: labels are the page's plain text.
    if (block?.closest('a, button, [role=button]')) return false;
    return endsInLabel(text.nodeValue ?? '') || (!!block && endsInLabel(visibleTextOf(block)));
  }
  return false;
}

/** From the changed element up: a near ancestor that holds a flow word, or a label just before one. */
function nearFlow(from: Element | null): boolean {
  const doc = from?.ownerDocument;
  for (let e = from, i = 0; e && i < ANCESTORS && e !== doc?.body && e !== doc?.documentElement; e = e.parentElement, i++) {
    const text = e.textContent ?? '';
    if (text.length > MAX_TEXT || holdsFlowWord(text) || namedByAttributes(e)) return true;
    if (labelBefore(e.previousSibling)) return true;
  }
  return false;
}

/**
 * True when the change may change what recognition says (then the page is read again);
 * false only when it touches none of the flow's content. Needs the observer to record
 * old values (attributeOldValue, characterDataOldValue).
 */
export function mutationMatters(r: MutationRecord, target: Element | null): boolean {
  // <head> and the document itself: the title, style sheets. Rare; always read.
  const at = r.target;
  if (at.nodeType === 9 || (at.ownerDocument?.head && at.ownerDocument.head.contains(at))) return true;
  if (r.type === 'characterData') {
    if (holdsFlowWord(r.oldValue) || holdsFlowWord(at.nodeValue)) return true;
    return nearFlow(at.parentElement) || labelBefore(at.previousSibling);
  }
  if (r.type === 'attributes') {
    if (holdsFlowWord(r.oldValue)) return true;
    const el = at as Element;
    if (el === el.ownerDocument?.documentElement || el === el.ownerDocument?.body) return true;
    return holds(el, target) || labelBefore(el.previousSibling) || nearFlow(el.parentElement);
  }
  // childList
  for (let i = 0; i < r.addedNodes.length; i++) if (holds(r.addedNodes[i]!, target)) return true;
  for (let i = 0; i < r.removedNodes.length; i++) if (holds(r.removedNodes[i]!, target)) return true;
  if (labelBefore(r.previousSibling)) return true;
  const parent = at.nodeType === 1 ? (at as Element) : at.parentElement;
  return nearFlow(parent);
}
