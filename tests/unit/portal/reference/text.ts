// The reference reading of text (lib/portal/text.ts as it was before it was made fast,
// 2026-12-02): plain, one rule at a time, no shortcuts. tests/unit/portal/equivalence.test.ts
// holds the fast text.ts to it, and builds the reference page view (./page.ts) from it.
// Change it only when what "visible", "a control" or "a block of text" means changes,
// and then change lib/portal/text.ts the same way.
// Text as the holder sees it: the portal writes the same words with full- or half-width
// brackets and spaces, &nbsp;, 【】 around button names, … or ... — all made equal here.

/**
 * Normalised text: NFKC (full-width letters, digits, ［］（）：～ and the ideographic space
 * become ASCII), 【】〔〕 become [], every run of dots becomes …, whitespace collapses.
 */
export function normaliseText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKC')
    .replace(/[【〔〖]/g, '[')
    .replace(/[】〕〗]/g, ']')
    .replace(/(?:\.{3,}|…+|。{3,}|⋯+)/g, '…')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

/**
 * A control's name for comparison: normalised, without spaces ("登  录", "同　意") and
 * without the brackets the guide writes around names ("[下载]", "【下载】").
 */
export function controlKey(text: string | null | undefined): string {
  let key = normaliseText(text).replace(/ /g, '');
  while (/^\[.*\]$/.test(key)) key = key.slice(1, -1);
  return key;
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'SELECT', 'TEXTAREA']);

/** Hidden by markup alone (cheap, works without layout): hidden, display:none, visibility:hidden, type=hidden. */
export function isHiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (el.tagName === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'hidden') return true;
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return false;
}

/** Not read as text: scripts, styles, form choices (a select's options are not its message), hidden parts. */
function isSkippedForText(el: Element): boolean {
  return SKIP_TAGS.has(el.tagName) || isHiddenByMarkup(el);
}

/**
 * True when the element is hidden: by markup on it or an ancestor, or (in a real browser)
 * by style sheets, which checkVisibility() reports.
 */
export function isHidden(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isHiddenByMarkup(e)) return true;
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
  for (const element of Array.from(doc.querySelectorAll(CONTROL_SELECTOR))) {
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
  return text.replace(/ /g, '');
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
