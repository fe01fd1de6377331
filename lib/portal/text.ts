// Text as the holder sees it: the portal writes the same words with full- or half-width
// brackets and spaces, &nbsp;, 【】 around button names, … or ... — all made equal here.

/**
 * Normalised text: NFKC (full-width letters, digits, ［］（）：～ and the ideographic space
 * become ASCII), 【】〔〕 become [], every run of dots becomes …, whitespace collapses.
 */
export function normaliseText(text: string | null | undefined): string {
  if (!text) return '';
  // Most text on the portal is already plain (ASCII and CJK ideographs, single spaces):
  // NFKC and the replacements below would leave it as it is, so one test replaces them.
  const trimmed = text.trim();
  if (PLAIN.test(trimmed) && !trimmed.includes('...')) return trimmed;
  return text
    .normalize('NFKC')
    .replace(/[【〔〖]/g, '[')
    .replace(/[】〕〗]/g, ']')
    .replace(/(?:\.{3,}|…+|。{3,}|⋯+)/g, '…')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

/** Text that normaliseText returns unchanged once trimmed: printable ASCII and CJK ideographs, single spaces between. */
const PLAIN = /^[!-~\u4e00-\u9fff]*(?: [!-~\u4e00-\u9fff]+)*$/;

/**
 * A control's name for comparison: normalised, without spaces ("登  录", "同　意") and
 * without the brackets the guide writes around names ("[下载]", "【下载】").
 */
export function controlKey(text: string | null | undefined): string {
  let key = normaliseText(text).replace(/ /g, '');
  while (key.charCodeAt(0) === 91 /* [ */ && /^\[.*\]$/.test(key)) key = key.slice(1, -1);
  return key;
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'SELECT', 'TEXTAREA']);

/** Hidden by markup alone (cheap, works without layout): hidden, display:none, visibility:hidden, type=hidden. */
export function isHiddenByMarkup(el: Element, tagName = el.tagName): boolean {
  // Most elements carry no attribute at all: one call answers for them.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (tagName === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'hidden') return true;
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return false;
}

/** Not read as text: scripts, styles, form choices (a select's options are not its message), hidden parts. */
export function isSkippedForText(el: Element): boolean {
  const tagName = el.tagName;
  return SKIP_TAGS.has(tagName) || isHiddenByMarkup(el, tagName);
}

/**
 * Every element that isHiddenByMarkup can call hidden matches this: when neither an
 * element nor an ancestor does (one native closest()), none of them is hidden by markup.
 */
export const MAYBE_HIDDEN_BY_MARKUP = '[hidden],[aria-hidden],[style],input';

/**
 * True when the element is hidden: by markup on it or an ancestor, or (in a real browser)
 * by style sheets, which checkVisibility() reports.
 */
export function isHidden(el: Element): boolean {
  if (el.closest(MAYBE_HIDDEN_BY_MARKUP)) for (let e: Element | null = el; e; e = e.parentElement) if (isHiddenByMarkup(e)) return true;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  // happy-dom has no layout: there, markup is all there is to go by.
  if (typeof check === 'function' && !isLayoutless(el)) {
    try {
      return !check.call(el, { visibilityProperty: true });
    } catch {
      return false;
    }
  }
  return false;
}

function isLayoutless(el: Element): boolean {
  const view = el.ownerDocument?.defaultView as (Window & { happyDOM?: unknown }) | null | undefined;
  return !view || 'happyDOM' in view;
}

/** A control the holder can click, with its normalised name. */
export interface Control {
  element: Element;
  /** controlKey() of its visible name. */
  key: string;
  disabled: boolean;
}

const CONTROL_SELECTOR =
  'button, a, input[type=button], input[type=submit], input[type=reset], input[type=image], [role=button], [onclick]';

/** CONTROL_SELECTOR without its links. */
const NON_LINK_CONTROL = CONTROL_SELECTOR.replace(/^button, a, /, 'button, ');

/**
 * Every element CONTROL_SELECTOR matches, in document order. A long selector list costs a
 * test of every element against every item, while the links come from the browser's own
 * cached collection: when links are the only controls, as on the certificate list, they
 * are the answer, and one native query (no element read from script) says whether they are.
 */
export function controlCandidates(doc: Document): Element[] {
  if (doc.querySelector(NON_LINK_CONTROL)) return Array.from(doc.querySelectorAll(CONTROL_SELECTOR));
  return Array.from(doc.getElementsByTagName('a'));
}

/** The name a control shows: an input's value, otherwise its text (or aria-label / title when it has none). */
export function controlName(el: Element): string {
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    return input.value || el.getAttribute('value') || el.getAttribute('alt') || '';
  }
  const text = el.textContent ?? '';
  if (text.trim()) return text;
  return el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '';
}

/**
 * The visible controls of a document: button, a, input[type=button|submit|reset] (by
 * value), [role=button], elements with onclick. Hidden ones are left out; disabled ones
 * are kept but marked.
 */
export function visibleControls(doc: Document): Control[] {
  const out: Control[] = [];
  for (const element of controlCandidates(doc)) {
    if (isHidden(element)) continue;
    const key = controlKey(controlName(element));
    if (!key || key.length > 60) continue;
    const disabled = element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';
    out.push({ element, key, disabled });
  }
  return out;
}

/** A block of visible text: the normalised text of an element that holds text directly. */
export interface TextBlock {
  element: Element;
  text: string;
}

/**
 * Visible text blocks, in document order: for each element that directly holds text,
 * its whole normalised text. A message split by inline tags (证书<b>生成中</b>…) stays one block.
 */
export function textBlocks(doc: Document): TextBlock[] {
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const out: TextBlock[] = [];
  const walk = (el: Element): void => {
    if (isSkippedForText(el)) return;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? '')) {
        const text = normaliseText(visibleTextOf(el));
        if (text) out.push({ element: el, text });
        break;
      }
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) walk(child);
  };
  walk(root);
  return out;
}

/** Text without spaces, for matching phrases that markup may have split. */
export function compact(text: string): string {
  return text.includes(' ') ? text.replace(/ /g, '') : text;
}

/** An element's text without scripts, styles and parts hidden by markup. */
export function visibleTextOf(el: Element): string {
  let text = '';
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
    else if (child.nodeType === 1 && !isSkippedForText(child as Element)) text += ' ' + visibleTextOf(child as Element) + ' ';
  }
  return text;
}

/**
 * Every element isSkippedForText can skip matches this (it matches more): when nothing
 * under an element does, nothing under it is skipped.
 */
export const MAYBE_SKIPPED = [...[...SKIP_TAGS].map((t) => t.toLowerCase()), MAYBE_HIDDEN_BY_MARKUP].join(',');
/** Text normaliseText turns into nothing but the space between words. */
const ONLY_SPACE = /^[\s\u00a0\u200b\ufeff]*$/;

/**
 * normaliseText(visibleTextOf(el)), in a few native calls when it can: with nothing
 * under the element skipped and one text node under it holding more than spaces, the
 * spaces visibleTextOf puts around elements fall at the edges of that text, where
 * normaliseText folds and trims them. A table cell (<td><div><span>有效</span></div></td>)
 * is read that way; anything else is read the plain way.
 */
export function visibleText(el: Element): string {
  if (el.querySelector(MAYBE_SKIPPED) === null) {
    const walker = (el.ownerDocument ?? document).createTreeWalker(el, 4 /* SHOW_TEXT */);
    let only: string | null = null;
    let several = false;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const value = n.nodeValue ?? '';
      if (ONLY_SPACE.test(value)) continue;
      if (only !== null) {
        several = true;
        break;
      }
      only = value;
    }
    if (!several) return only === null ? '' : normaliseText(only);
  }
  return normaliseText(visibleTextOf(el));
}

/** The text with its spaces folded, when it is not empty and not longer than max (else undefined). */
export function clip(s: string | undefined, max: number): string | undefined {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t && t.length <= max ? t : undefined;
}
