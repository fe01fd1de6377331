// Builds a page report from a Document: its structure, the attributes recognition reads
// (type, role, disabled, hidden, name of form fields, ...), and its text only where it is
// the portal's own vocabulary; everything else is masked by kind (lib/report/mask.ts).
// Password, captcha and ID-number fields never contribute a value: their value is not
// even read. Frames are reported as nested documents. Pure: takes a Document, returns data.
import { FRAME_TAG, PANEL_TAG } from '../guide/host';
import { isPortalHost } from '../portal/hosts';
import { applyKept, keptPositions, maskAll, maskCode, maskIdentifier, maskText, maskUrl } from './mask';
import { REPORT_FORMAT, type PageReport, type ReportedDocument, type ReportedFrame, type ReportHeader } from './types';

export interface BuildOptions {
  /**
   * The report of a frame whose document this frame cannot read (another origin): asked
   * of the frame itself (lib/guide/page-report.ts). Undefined when it did not answer.
   */
  frame?: (element: Element, index: number) => ReportedDocument | undefined;
  /** What the guide recognises in a document, for the documents read here. */
  recognise?: (doc: Document, url: URL) => string;
  /** Frames inside frames, at most this deep. */
  maxDepth?: number;
}

/** Not reported: code, styling and what the guide itself put in the page. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'base', PANEL_TAG, FRAME_TAG]);
/** Elements that run on inside a line of text: a message split by them is still one text. */
const INLINE = new Set(['a', 'abbr', 'b', 'big', 'em', 'font', 'i', 'label', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'code', 'br']);
const VOID = new Set(['area', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'wbr', 'source', 'track']);
const FRAME = new Set(['iframe', 'frame']);
const FORM_FIELD = new Set(['input', 'select', 'textarea', 'button']);
/** Attributes that hold words the holder sees (masked like text). */
const WORD_ATTRIBUTES = ['title', 'alt', 'aria-label', 'placeholder'];
/** Attributes kept as they are (structure and state). */
const PLAIN_ATTRIBUTES = ['role', 'hidden', 'aria-hidden', 'aria-disabled', 'disabled', 'readonly', 'colspan', 'rowspan', 'multiple', 'lang'];
const BUTTON_TYPES = new Set(['button', 'submit', 'reset', 'image']);

/**
 * A field whose value must never be read: passwords, captchas, ID numbers, hidden values,
 * and the login's user name (holders often log in with their ID number).
 */
const SECRET_WORDS = /pass|pwd|yzm|captcha|verif|vcode|checkcode|code|id.?card|id.?no|idnum|sfz|zjh|cardno|user|login|account|身份证|证件|密码|验证码|口令|用户名|账号|帐号/i;
const SECRET_CONTEXT = /身份证|证件号|密码|验证码|口令|用户名|账号|帐号/;

export function isSecretField(el: Element): boolean {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type === 'password' || type === 'hidden' || type === 'file') return true;
  // A button's value is its name, the portal's word: not a field the holder fills in.
  if (BUTTON_TYPES.has(type) || type === 'checkbox' || type === 'radio') return false;
  for (const name of ['name', 'id', 'placeholder', 'aria-label', 'autocomplete', 'title']) {
    if (SECRET_WORDS.test(el.getAttribute(name) ?? '')) return true;
  }
  // The words beside it (its row, or its label just before it): "证件号码：[      ]".
  const row = el.closest('tr') ?? el.parentElement;
  const context = `${row?.textContent ?? ''} ${el.previousElementSibling?.textContent ?? ''}`;
  return SECRET_CONTEXT.test(context);
}

/** A keyword of markup (role="button", type="submit", lang="zh-CN") as it is; anything else masked. */
const token = (v: string) => (/^[A-Za-z][A-Za-z -]{0,23}$/.test(v) && !/\s{2}/.test(v) ? v : maskAll(v).slice(0, 24));
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const collapse = (s: string) => s.replace(/[\t\n\r\f ]+/g, ' ');

function isLayoutless(doc: Document): boolean {
  const view = doc.defaultView as (Window & { happyDOM?: unknown }) | null;
  return !view || 'happyDOM' in view;
}

/** The display:none / visibility:hidden of an inline style, the only declarations kept. */
function hiddenStyle(style: string | null): string | null {
  if (!style) return null;
  const kept = style
    .split(';')
    .map((d) => d.trim().toLowerCase().replace(/\s+/g, ''))
    .filter((d) => /^display:none(?:!important)?$|^visibility:(?:hidden|collapse)(?:!important)?$/.test(d));
  return kept.length ? kept.join(';') : null;
}

interface Walk {
  doc: Document;
  url: URL;
  kept: Uint8Array;
  offsets: Map<Text, number>;
  /** Ids a <label for> names: kept (masked like names) so that the label still finds its field. */
  labelled: Set<string>;
  computed: boolean;
  frameIndex: number;
  frames: ReportedFrame[];
  lines: string[];
  options: BuildOptions;
  depth: number;
}

/**
 * Every text node under `root` in document order, joined into one string (a separator
 * where the text leaves its block), with where each node starts: the portal's words are
 * found across the inline tags that split them (证书<b>生成中</b>).
 */
function joinText(root: Node): { text: string; offsets: Map<Text, number> } {
  const offsets = new Map<Text, number>();
  let text = '';
  let lastBlock: Node | null = null;
  const blockOf = (node: Node): Node | null => {
    let p = node.parentNode;
    while (p && p.nodeType === 1 && INLINE.has((p as Element).localName)) p = p.parentNode;
    return p;
  };
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const block = blockOf(child);
        if (block !== lastBlock) text += '\u0000';
        lastBlock = block;
        offsets.set(child as Text, text.length);
        text += (child as Text).data;
      } else if (child.nodeType === 1 && !DROPPED.has((child as Element).localName)) {
        visit(child);
      }
    }
  };
  visit(root);
  return { text, offsets };
}

function attributesOf(el: Element, w: Walk): string {
  const tag = el.localName;
  const out: [string, string | null][] = [];
  const get = (name: string) => el.getAttribute(name);
  for (const name of PLAIN_ATTRIBUTES) {
    const v = get(name);
    if (v === null) continue;
    // Values that say something (role="button", aria-hidden="true", colspan="4"); the rest are flags.
    if (/^(?:colspan|rowspan)$/.test(name)) out.push([name, v.replace(/\D/g, '').slice(0, 3)]);
    else if (/^(?:role|aria-|lang)/.test(name)) out.push([name, token(v)]);
    else out.push([name, null]);
  }
  for (const name of WORD_ATTRIBUTES) {
    const v = get(name);
    if (v !== null) out.push([name, maskText(v)]);
  }
  const type = get('type');
  if (type !== null && (tag === 'input' || tag === 'button')) out.push(['type', token(type.toLowerCase())]);
  if (FORM_FIELD.has(tag) && get('name') !== null) out.push(['name', maskIdentifier(get('name')!)]);
  const id = get('id');
  if (id !== null && w.labelled.has(id)) out.push(['id', maskIdentifier(id)]);
  if (tag === 'label' && get('for') !== null) out.push(['for', maskIdentifier(get('for')!)]);
  if (get('onclick') !== null) out.push(['onclick', maskCode(get('onclick')!)]);
  if (tag === 'a' && get('href') !== null) out.push(['href', maskUrl(get('href')!, w.url.href)]);
  if (tag === 'form') {
    if (get('action') !== null) out.push(['action', maskUrl(get('action')!, w.url.href)]);
    if (get('method') !== null) out.push(['method', token(get('method')!)]);
  }
  if (tag === 'frameset') for (const name of ['rows', 'cols']) if (get(name) !== null) out.push([name, get(name)!.replace(/[^\d*,%\s]/g, '')]);
  if (FRAME.has(tag)) {
    if (get('src') !== null) out.push(['src', maskUrl(get('src')!, w.url.href)]);
    if (get('name') !== null) out.push(['name', maskIdentifier(get('name')!)]);
  }
  if (tag === 'input') {
    const kind = (type ?? 'text').toLowerCase();
    if (BUTTON_TYPES.has(kind)) {
      const v = get('value');
      if (v !== null) out.push(['value', maskText(v)]);
    } else if (kind === 'checkbox' || kind === 'radio') {
      if ((el as HTMLInputElement).checked) out.push(['checked', null]);
    } else if (!isSecretField(el)) {
      const v = (el as HTMLInputElement).value;
      if (v) out.push(['value', maskAll(v)]);
    }
  }
  if (tag === 'option' && (el as HTMLOptionElement).selected) out.push(['selected', null]);
  if (tag === 'option' && get('value') !== null) out.push(['value', maskText(get('value')!)]);

  // Hidden: by its own markup, or (in a browser) by the page's style sheets.
  let style = hiddenStyle(get('style'));
  if (!style && w.computed) {
    try {
      const cs = w.doc.defaultView!.getComputedStyle(el);
      if (cs.display === 'none') style = 'display:none';
      else if (cs.visibility === 'hidden' && el.parentElement && w.doc.defaultView!.getComputedStyle(el.parentElement).visibility !== 'hidden') style = 'visibility:hidden';
    } catch {
      // No style for this element: its markup is all there is.
    }
  }
  if (style) out.push(['style', style]);
  return out.map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('');
}

function textOf(node: Text, w: Walk): string {
  const offset = w.offsets.get(node);
  const masked = offset === undefined ? maskText(node.data) : applyKept(node.data, w.kept, offset);
  return escapeText(collapse(masked));
}

function frameReport(el: Element, index: number, w: Walk): ReportedFrame {
  const src = el.getAttribute('src');
  const entry: ReportedFrame = { index, src: src === null ? '' : maskUrl(src, w.url.href) };
  let target: URL | null = null;
  try {
    target = src ? new URL(src, w.url.href) : null;
  } catch {
    target = null;
  }
  if (target && /^https?:$/.test(target.protocol) && !isPortalHost(target.hostname)) {
    entry.missing = 'not-portal';
    return entry;
  }
  let inner: Document | null = null;
  try {
    inner = (el as HTMLIFrameElement).contentDocument;
  } catch {
    inner = null;
  }
  if (inner?.documentElement && w.depth < (w.options.maxDepth ?? 4)) {
    let innerUrl: URL | null = null;
    try {
      innerUrl = new URL(inner.URL);
    } catch {
      innerUrl = null;
    }
    // A frame not loaded (about:blank) says nothing: ask the frame instead.
    if (innerUrl && /^https?:$/.test(innerUrl.protocol) && inner.body?.firstChild) {
      entry.page = reportDocumentAt(inner, innerUrl, w.options, w.depth + 1);
      return entry;
    }
  }
  const answered = w.options.frame?.(el, index);
  if (answered) entry.page = answered;
  else entry.missing = inner === null ? 'not-readable' : 'no-answer';
  return entry;
}

function serialise(el: Element, w: Walk, indent: string): void {
  const tag = el.localName;
  if (DROPPED.has(tag)) return;
  let extra = '';
  if (FRAME.has(tag)) {
    const index = w.frameIndex++;
    w.frames.push(frameReport(el, index, w));
    extra = ` data-report-frame="${index}"`;
  }
  const open = `<${tag}${attributesOf(el, w)}${extra}>`;
  if (VOID.has(tag)) {
    w.lines.push(indent + open);
    // A parser that nested what follows a <frame> inside it (happy-dom): those are its siblings.
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) serialise(child, w, indent);
    return;
  }
  if (tag === 'textarea') {
    const value = isSecretField(el) ? '' : maskAll((el as HTMLTextAreaElement).value);
    w.lines.push(`${indent}${open}${escapeText(value)}</${tag}>`);
    return;
  }
  const children = Array.from(el.childNodes).filter((n) => n.nodeType === 3 || (n.nodeType === 1 && !DROPPED.has((n as Element).localName)));
  if (children.every((n) => n.nodeType === 3)) {
    const text = children.map((n) => textOf(n as Text, w)).join('').trim();
    w.lines.push(`${indent}${open}${text}</${tag}>`);
    return;
  }
  w.lines.push(indent + open);
  for (const child of children) {
    if (child.nodeType === 3) {
      const text = textOf(child as Text, w).trim();
      if (text) w.lines.push(`${indent}  ${text}`);
    } else serialise(child as Element, w, `${indent}  `);
  }
  w.lines.push(`${indent}</${tag}>`);
}

function reportDocumentAt(doc: Document, url: URL, options: BuildOptions, depth: number): ReportedDocument {
  const root = doc.documentElement;
  const body = doc.body ?? root;
  const { text, offsets } = body ? joinText(body) : { text: '', offsets: new Map<Text, number>() };
  const labelled = new Set<string>();
  for (const label of Array.from(doc.querySelectorAll('label[for]'))) labelled.add(label.getAttribute('for')!);
  const w: Walk = {
    doc,
    url,
    kept: keptPositions(text),
    offsets,
    labelled,
    computed: !isLayoutless(doc),
    frameIndex: 0,
    frames: [],
    lines: [],
    options,
    depth,
  };
  const title = maskText(collapse(doc.title ?? '').trim());
  w.lines.push('<html>', '<head>', '  <meta charset="utf-8">', `  <title>${escapeText(title)}</title>`, '</head>');
  if (body && body !== root) serialise(body, w, '');
  w.lines.push('</html>');
  const out: ReportedDocument = { url: maskUrl(url.href), title, html: w.lines, frames: w.frames };
  if (options.recognise) {
    try {
      out.step = options.recognise(doc, url);
    } catch {
      // Unknown, then.
    }
  }
  return out;
}

/** One document's report (frames inside it read directly when they can be, else asked of options.frame). */
export function reportDocument(doc: Document, url: URL, options: BuildOptions = {}): ReportedDocument {
  return reportDocumentAt(doc, url, options, 0);
}

/** What could not be read, from the frames: "frame 1: no-answer". */
export function missingFrames(page: ReportedDocument, path = ''): string[] {
  const out: string[] = [];
  for (const f of page.frames) {
    const here = `${path}frame ${f.index}`;
    if (f.missing) out.push(`${here}: ${f.missing}`);
    if (f.page) out.push(...missingFrames(f.page, `${here} › `));
  }
  return out;
}

/** The whole report: the header and the page with its frames. */
export function buildPageReport(doc: Document, url: URL, header: ReportHeader, options: BuildOptions = {}): PageReport {
  const page = reportDocument(doc, url, options);
  return {
    format: REPORT_FORMAT,
    header: { ...header, unreadable: [...header.unreadable, ...missingFrames(page)] },
    page,
  };
}

/** The report as the holder sees and saves it: pretty-printed JSON. */
export function formatReport(report: PageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** "Chrome 156", "Firefox 140", "Edge 156", from a user agent (the more specific names first: Edge's also says Chrome). */
export function browserName(userAgent: string): string {
  for (const [token, name] of [['Edg', 'Edge'], ['OPR', 'Opera'], ['Firefox', 'Firefox'], ['Chrome', 'Chrome'], ['Chromium', 'Chromium'], ['Version', 'Safari']] as const) {
    const m = new RegExp(`(?:\\b|Headless)${token}/(\\d+)`).exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return 'unknown';
}
