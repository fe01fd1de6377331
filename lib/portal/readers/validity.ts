// 加注有效期 as the annotation page shows it, read by what labels each date, never by
// how close a date sits to a button. The page is laid out as lines of cells (table rows,
// blocks, dt/dd pairs); a validity label (有效期, 有效期至, 起止日期 …) owns the dates that
// follow it up to the next label of anything (批准日期, 使用场景 …). Dates under any other
// label, or under none, are never a validity. A header row of a table labels its columns
// (a history of annotations). When the labelled dates do not give one answer, the reading
// says so and lists what it found, so that the holder is asked instead of guessed for.
//
// What the portal's markup looks like is not known (docs/PORTAL.md): this module is
// proved on the saved pages and on generated ones (tests/unit/portal/validity-generated.test.ts).
import { addDays, compareDates, fromYmd, isValidYmd, type BeijingDate } from '../../dates/beijing';
import { normaliseDateChars } from '../../dates/parse';
import { isHiddenByMarkup, normaliseText } from '../text';

export type ValidityReading =
  | {
      kind: 'read';
      from?: BeijingDate;
      until: BeijingDate;
      /** only: one validity shown; current: several, this one holds today; latest: several, none holds today. */
      taken: 'only' | 'current' | 'latest';
      /** How many distinct validities the page shows (a history table shows several). */
      shown: number;
    }
  | {
      kind: 'ask';
      /** unlabelled: a validity label without a date the reader can place; conflict: labelled dates that disagree. */
      reason: 'unlabelled' | 'conflict';
      /** Dates that may be the last valid day, for the holder to pick from (latest first). */
      candidates: BeijingDate[];
    }
  /** No validity label on the page at all. */
  | { kind: 'absent' };

// ------------------------------------------------------------------ labels

type LabelKind = 'range' | 'from' | 'until';

/** Validity labels, longest first so that 有效期至 is not read as 有效期 followed by 至. */
const VALIDITY_LABELS: readonly [string, LabelKind][] = [
  ['加注有效截止日期', 'until'],
  ['有效期截止日期', 'until'],
  ['有效期截止', 'until'],
  ['有效期结束', 'until'],
  ['有效期开始', 'from'],
  ['加注有效期至', 'until'],
  ['加注有效期止', 'until'],
  ['加注有效期起', 'from'],
  ['加注有效期', 'range'],
  ['有效截止日期', 'until'],
  ['有效起始日期', 'from'],
  ['有效期限至', 'until'],
  ['有效期限', 'range'],
  ['有效期至', 'until'],
  ['有效期止', 'until'],
  ['有效期起', 'from'],
  ['有效期自', 'from'],
  ['有效期', 'range'],
  ['有效时间', 'range'],
  ['有效日期', 'range'],
  ['起止日期', 'range'],
  ['起止时间', 'range'],
  ['截止日期', 'until'],
  ['到期日期', 'until'],
  ['到期日', 'until'],
  ['失效日期', 'until'],
  ['终止日期', 'until'],
  ['结束日期', 'until'],
  ['生效日期', 'from'],
  ['起始日期', 'from'],
  ['开始日期', 'from'],
];

// 证书加注有效期 is the annotation's too (证书有效期 is not).
for (const [word, kind] of [...VALIDITY_LABELS]) if (word.startsWith('加注')) (VALIDITY_LABELS as [string, LabelKind][]).unshift([`证书${word}`, kind]);

/** Labels of other things whose dates are never a validity (and that end a validity's value). */
const OTHER_LABELS = [
  '批准日期', '发证日期', '颁发日期', '签发日期', '出生日期', '申请时间', '申请日期', '提交时间', '生成时间', '加注时间',
  '发布日期', '发布时间', '更新时间', '取得日期', '考试日期', '注册日期', '打印日期', '下载时间', '证书有效期', '资格名称',
  '使用场景', '加注状态', '证书状态', '状态', '管理号', '证书编号', '姓名', '级别', '发证机构', '发证单位', '操作', '备注',
  '序号', '证件号码', '身份证号', '专业', '加注天数', '有效天数',
];

const HAN = /[\u3400-\u9fff]/;
/** A cell that names something rather than shows it: short Han words ending like a label. */
const LABEL_LIKE = /^[\u3400-\u9fff]{2,10}(?:日期|时间|期限|机构|单位|名称|编号|号码|状态|场景|类别|级别|姓名|专业|备注|操作)$/;

interface LabelMatch {
  start: number;
  end: number;
  kind: LabelKind | 'other';
}

/** A label at `i` of `text`: validity labels by their list, other labels by theirs or a colon. */
function labelAt(text: string, i: number): LabelMatch | null {
  // A label starts a word: 证书有效期 is the certificate's, not the annotation's (证书加注有效期 is).
  const before = text[i - 1];
  if (i > 0 && before && HAN.test(before) && text.slice(Math.max(0, i - 2), i) !== '加注') return null;
  for (const [word, kind] of VALIDITY_LABELS) {
    if (!text.startsWith(word, i)) continue;
    // A label is followed by its value (a date) or by nothing in its cell; 有效期的通知 is prose.
    const after = text.slice(i + word.length).replace(/^\s*[:：]?\s*(?:为|是|自|从)?\s*/, '');
    if (after === '' || /^[0-9\uFF10-\uFF19]/.test(after)) return { start: i, end: i + word.length, kind };
    return null;
  }
  for (const word of OTHER_LABELS) if (text.startsWith(word, i)) return { start: i, end: i + word.length, kind: 'other' };
  // Any other short Han word followed by a colon names a value of its own, unless it ends
  // in a validity label after 加注 (证书加注有效期：).
  const m = /^[\u3400-\u9fff]{2,10}(?=\s?[:：])/.exec(text.slice(i, i + 12));
  if (m) {
    for (const [word, kind] of VALIDITY_LABELS) {
      if (m[0].endsWith(word) && m[0].slice(0, -word.length).endsWith('加注')) return { start: i, end: i + m[0].length, kind };
    }
    return { start: i, end: i + m[0].length, kind: 'other' };
  }
  return null;
}

// ------------------------------------------------------------------ the page as lines of cells

interface Cell {
  text: string;
  /** Every element whose own text is in the cell (for the visibility check). */
  elements: Element[];
  element: Element;
  header: boolean;
}
interface Line {
  cells: Cell[];
  /** The table of a data row (a row whose cells hold no blocks). */
  table?: Element;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'SELECT', 'TEXTAREA', 'BUTTON', 'IFRAME', 'FRAME']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'UL', 'TR',
  'TD', 'TH',
]);
const BLOCK_INSIDE = 'table,div,p,ul,ol,dl,li,h1,h2,h3,h4,h5,h6,form,section,article,header,footer,fieldset,center,blockquote,pre';

/** A row of data: every cell holds only inline content (a layout row holds blocks and is read as blocks). */
function isDataRow(tr: Element): boolean {
  for (let c = tr.firstElementChild; c; c = c.nextElementSibling) if (c.querySelector(BLOCK_INSIDE)) return false;
  return true;
}

function linesOf(root: Element, hidden: ReadonlySet<Element>): Line[] {
  const lines: Line[] = [];
  let cell: Cell | null = null;
  let line: Line | null = null;
  const endLine = () => {
    if (line && line.cells.some((c) => c.text.trim())) lines.push(line);
    line = null;
    cell = null;
  };
  const isSkipped = (el: Element) => SKIP.has(el.tagName) || hidden.has(el) || isHiddenByMarkup(el);
  const addText = (el: Element, text: string) => {
    if (!cell) {
      line ??= { cells: [] };
      cell = { text: '', elements: [], element: el, header: false };
      line.cells.push(cell);
    }
    cell.text += text;
    if (!cell.elements.includes(el)) cell.elements.push(el);
  };
  /** Inline content: text joins the current cell; an element adds a space around its text. */
  const inline = (el: Element): void => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? '';
        if (text) addText(el, text);
      } else if (child.nodeType === 1) {
        const c = child as Element;
        if (isSkipped(c)) continue;
        if (c.tagName === 'INPUT') {
          // A read-only text field may show a date; no other field is ever read.
          const type = (c.getAttribute('type') ?? 'text').toLowerCase();
          if (type === 'text' && c.hasAttribute('readonly')) addText(c, ` ${(c as HTMLInputElement).value ?? c.getAttribute('value') ?? ''} `);
          continue;
        }
        if (c.tagName === 'BR') {
          if (line && !line.table) endLine();
          else addText(el, ' ');
          continue;
        }
        if (BLOCK.has(c.tagName) && !(line && line.table)) {
          endLine();
          block(c);
          endLine();
          continue;
        }
        addText(el, ' ');
        inline(c);
        addText(el, ' ');
      }
    }
  };
  const block = (el: Element): void => {
    if (isSkipped(el)) return;
    if (el.tagName === 'TR' && isDataRow(el)) {
      endLine();
      line = { cells: [], table: el.closest('table') ?? el };
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
        if (c.tagName !== 'TD' && c.tagName !== 'TH') continue;
        cell = { text: '', elements: [], element: c, header: c.tagName === 'TH' };
        line.cells.push(cell);
        if (!isSkipped(c)) inline(c);
        if (Number(c.getAttribute('colspan')) > 1) for (let k = 1; k < Math.min(20, Number(c.getAttribute('colspan'))); k++) line.cells.push({ text: '', elements: [], element: c, header: false });
        cell = null;
      }
      endLine();
      return;
    }
    inline(el);
  };
  block(root);
  endLine();
  for (const l of lines) for (const c of l.cells) c.text = normaliseText(c.text);
  return lines;
}

// ------------------------------------------------------------------ dates in a value

const DATE = String.raw`(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2}))`;
const DATE_RE = new RegExp(String.raw`(?<!\d)${DATE}(?!\d)`, 'g');
/** What may stand between the two dates of a range: 至, 到, ~, -, with 起 / 止 around them. */
const JOIN = /^\s*起?\s*(?:至|到|~|-|—|–)\s*$/;
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g;

interface DateAt {
  date: BeijingDate;
  start: number;
  end: number;
}

function datesIn(t: string): { dates: DateAt[]; impossible: boolean } {
  const dates: DateAt[] = [];
  let impossible = false;
  for (const m of t.matchAll(DATE_RE)) {
    const year = Number(m[1]);
    const month = Number(m[2] ?? m[5]);
    const day = Number(m[3] ?? m[6]);
    if (!isValidYmd(year, month, day)) {
      impossible = true;
      continue;
    }
    const start = m.index ?? 0;
    dates.push({ date: fromYmd(year, month, day), start, end: start + m[0].length });
  }
  return { dates, impossible };
}

/** One value's dates under its label: placed, none at all, or there but not placeable (`doubt`). */
type Placed = { from?: BeijingDate; until?: BeijingDate } | 'none' | { doubt: BeijingDate[] };

function readValue(kind: LabelKind, raw: string): Placed {
  const t = normaliseDateChars(raw).replace(TIME, ' ');
  const { dates, impossible } = datesIn(t);
  if (dates.length === 0) return impossible ? { doubt: [] } : 'none';
  const all = dates.map((d) => d.date);
  // Prose that merely mentions a date is not a value; an impossible date is not read around.
  if (impossible || t.replace(/\s+/g, '').length > 60) return { doubt: all };
  const tail = (d: DateAt) => t.slice(d.end).replace(/[\s止)）。.,，;；]/g, '');
  if (dates.length === 2 && kind === 'range') {
    const [a, b] = dates as [DateAt, DateAt];
    if (JOIN.test(t.slice(a.end, b.start)) && compareDates(a.date, b.date) <= 0 && !/\d/.test(tail(b))) return { from: a.date, until: b.date };
    return { doubt: all };
  }
  if (dates.length === 1) {
    const d = dates[0]!;
    if (/\d/.test(tail(d))) return { doubt: all };
    if (kind === 'from') return { from: d.date };
    if (kind === 'until') return { until: d.date };
    // 有效期：2026-12-01 could be either end; 2026-09-03 起 is a start.
    const rest = t.slice(d.end).replace(/\s/g, '');
    if (/^(?:起|至今)/.test(rest)) return { from: d.date };
    if (/^止/.test(rest)) return { until: d.date };
    return { doubt: all };
  }
  return { doubt: all };
}

// ------------------------------------------------------------------ readings

interface Candidate {
  from?: BeijingDate;
  until?: BeijingDate;
  /** Dates under a validity label that could not be placed. */
  doubt?: BeijingDate[];
  /** The row of a history table says it is over (已过期, 失效). */
  over?: boolean;
  elements: Element[];
}

const OVER = /过期|失效|作废|撤销/;

interface Segment {
  kind: LabelKind | 'other';
  value: string;
  elements: Element[];
}

const bare = (text: string) => text.replace(/[\s:：]+$/, '');

/** A cell that only names something: a header cell without digits, a known label, or a label-like word. */
function labelCell(cell: Cell): LabelKind | 'other' | null {
  const text = bare(cell.text).replace(/\s/g, '');
  if (!text) return null;
  const label = labelAt(text, 0);
  if (label && label.end === text.length) return label.kind;
  if (LABEL_LIKE.test(text)) return 'other';
  if (cell.header && !/\d/.test(text) && text.length <= 12) return 'other';
  return null;
}

/** A line cut at its labels: each label with the text that follows it up to the next label. */
function segmentsOf(line: Line): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const cell of line.cells) {
    const kind = labelCell(cell);
    if (kind) {
      current = { kind, value: '', elements: [...cell.elements] };
      segments.push(current);
      continue;
    }
    const text = cell.text;
    let i = 0;
    while (i < text.length) {
      const label = labelAt(text, i);
      if (label) {
        current = { kind: label.kind, value: '', elements: [...cell.elements] };
        segments.push(current);
        i = label.end;
        const colon = /^\s*[:：]\s*/.exec(text.slice(i));
        if (colon) i += colon[0].length;
        continue;
      }
      if (current) current.value += text[i];
      i++;
    }
    if (current) {
      current.value += ' ';
      for (const el of cell.elements) if (!current.elements.includes(el)) current.elements.push(el);
    }
  }
  return segments;
}

/** For a header row of a table: its validity and state columns by position, or null when it is not one. */
function columnKinds(line: Line): Map<number, LabelKind | 'state'> | null {
  if (!line.table) return null;
  const kinds = new Map<number, LabelKind | 'state'>();
  let validity = 0;
  for (let col = 0; col < line.cells.length; col++) {
    const cell = line.cells[col]!;
    if (!cell.text) continue;
    const kind = labelCell(cell);
    if (!kind) return null;
    if (kind !== 'other') {
      kinds.set(col, kind);
      validity++;
    } else if (/状态$/.test(bare(cell.text))) kinds.set(col, 'state');
  }
  return validity ? kinds : null;
}

function add(c: Candidate, v: Placed, elements: Element[]): void {
  if (v === 'none') return;
  c.elements.push(...elements);
  if ('doubt' in v) {
    c.doubt = [...(c.doubt ?? []), ...v.doubt];
    return;
  }
  for (const end of ['from', 'until'] as const) {
    const d = v[end];
    if (!d) continue;
    if (c[end] && c[end] !== d) c.doubt = [...(c.doubt ?? []), d];
    else c[end] = d;
  }
}

/** Column-wise tables: a header row of labels over rows of values (one annotation a row). Returns the last row read. */
function readColumns(lines: Line[], at: number, columns: Map<number, LabelKind | 'state'>, out: Candidate[]): number {
  const table = lines[at]!.table;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.table !== table || columnKinds(line)) break;
    const cand: Candidate = { elements: [] };
    line.cells.forEach((cell, col) => {
      const kind = columns.get(col);
      if (kind === 'state') {
        if (OVER.test(cell.text)) cand.over = true;
      } else if (kind) add(cand, readValue(kind, cell.text), cell.elements);
    });
    if (cand.from || cand.until || cand.doubt) out.push(cand);
  }
  return i - 1;
}

function candidatesOf(lines: Line[]): Candidate[] {
  const out: Candidate[] = [];
  // A start and an end given apart (有效期起 … 有效期止 …) make one candidate.
  let open: { cand: Candidate; line: number } | null = null;
  const close = () => {
    if (open) out.push(open.cand);
    open = null;
  };
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const columns = columnKinds(line);
    if (columns && lines[li + 1]?.table === line.table && !columnKinds(lines[li + 1]!)) {
      close();
      li = readColumns(lines, li, columns, out);
      continue;
    }
    const segments = segmentsOf(line);
    for (let si = 0; si < segments.length; si++) {
      const seg = segments[si]!;
      if (seg.kind === 'other') continue;
      let value = seg.value;
      let elements = seg.elements;
      // A label alone at the end of its line (dt, a label div): its value is the next line, if that names nothing.
      if (!value.trim() && si === segments.length - 1) {
        const next = lines[li + 1];
        if (next && segmentsOf(next).length === 0 && !columnKinds(next)) {
          value = next.cells.map((c) => c.text).join(' ');
          elements = [...elements, ...next.cells.flatMap((c) => c.elements)];
          li++;
        }
      }
      const v = readValue(seg.kind, value);
      if (v === 'none') continue;
      if (!('doubt' in v) && seg.kind !== 'range') {
        // One end: pair it with the other end given nearby.
        if (open && li - open.line <= 2 && !open.cand[seg.kind === 'from' ? 'from' : 'until'] && !open.cand.doubt) {
          add(open.cand, v, elements);
          if (open.cand.from && open.cand.until && compareDates(open.cand.from, open.cand.until) > 0) open.cand.doubt = [open.cand.until];
          close();
        } else {
          close();
          open = { cand: { elements: [] }, line: li };
          add(open.cand, v, elements);
        }
        continue;
      }
      close();
      const cand: Candidate = { elements: [] };
      add(cand, v, elements);
      out.push(cand);
    }
  }
  close();
  return out;
}

/** Does the validity hold on `today`? An end alone holds when today is within the 90 days before it. */
function holds(c: { from?: BeijingDate; until: BeijingDate }, today: BeijingDate): boolean {
  if (compareDates(today, c.until) > 0) return false;
  const from = c.from ?? addDays(c.until, -89);
  return compareDates(from, today) <= 0;
}

function decide(cands: Candidate[], today: BeijingDate): ValidityReading {
  if (cands.length === 0) return { kind: 'absent' };
  const candidateDates = (): BeijingDate[] => {
    const all = new Set<BeijingDate>();
    for (const c of cands) for (const d of [c.until, ...(c.doubt ?? [])]) if (d) all.add(d);
    return [...all].sort((a, b) => compareDates(b, a)).slice(0, 4);
  };
  // A date that could not be placed, or a start without an end: the holder decides.
  if (cands.some((c) => c.doubt || !c.until)) {
    return { kind: 'ask', reason: cands.some((c) => c.until && !c.doubt) ? 'conflict' : 'unlabelled', candidates: candidateDates() };
  }
  const byUntil = new Map<BeijingDate, Candidate[]>();
  for (const c of cands) byUntil.set(c.until!, [...(byUntil.get(c.until!) ?? []), c]);
  const distinct = [...byUntil.entries()].map(([until, list]) => {
    const froms = new Set(list.map((c) => c.from).filter((f): f is BeijingDate => !!f));
    return { until, from: froms.size === 1 ? [...froms][0] : undefined, fromConflict: froms.size > 1, over: list.every((c) => c.over) };
  });
  if (distinct.some((d) => d.fromConflict)) return { kind: 'ask', reason: 'conflict', candidates: candidateDates() };
  const pick = (d: (typeof distinct)[number], taken: 'only' | 'current' | 'latest'): ValidityReading =>
    d.from ? { kind: 'read', from: d.from, until: d.until, taken, shown: distinct.length } : { kind: 'read', until: d.until, taken, shown: distinct.length };
  if (distinct.length === 1) return pick(distinct[0]!, 'only');
  const latestFirst = [...distinct].sort((a, b) => compareDates(b.until, a.until));
  const current = latestFirst.filter((d) => !d.over && holds(d, today));
  if (current.length > 0) return pick(current[0]!, 'current');
  return pick(latestFirst[0]!, 'latest');
}

/**
 * The validity the page shows under its labels. `today` picks the current one of a history;
 * `isHidden` leaves out what the holder cannot see (style sheets too, in a browser).
 */
export function readValidity(root: Element, today: BeijingDate, isHidden: (el: Element) => boolean = () => false): ValidityReading {
  const hidden = new Set<Element>();
  const seen = new Map<Element, boolean>();
  for (let pass = 0; pass < 4; pass++) {
    const cands = candidatesOf(linesOf(root, hidden));
    let changed = false;
    for (const c of cands) {
      for (const el of c.elements) {
        let h = seen.get(el);
        if (h === undefined) seen.set(el, (h = isHidden(el)));
        if (h && !hidden.has(el)) {
          hidden.add(el);
          changed = true;
        }
      }
    }
    if (!changed) return decide(cands, today);
  }
  return { kind: 'ask', reason: 'conflict', candidates: [] };
}
