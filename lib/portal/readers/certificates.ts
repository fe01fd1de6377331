// 证书列表: reads certificate rows (qualification, level, number, approval date, status)
// from a table with a header row, or from cards of "label：value" pairs. A row that
// cannot be read safely is left out with a problem, never guessed.
import { parsePortalDate } from '../../dates/parse';
import { closestUp, isHiddenIn, mayShow, readPage, type PageView } from '../page';
import { warning } from '../lines';
import { compact, normaliseText, visibleText, type TextBlock } from '../text';
import type { CertificateRow, GuideLine } from '../types';
import { drain, type Sliced } from '../sliced';

/** Rows read between two pauses when the list is read in slices. */
const ROWS_PER_SLICE = 5;

export interface ReadRow {
  row: CertificateRow;
  /** The row's element (a <tr> or a card), where its controls are. */
  element: Element;
}

export interface CertificateReading {
  rows: ReadRow[];
  /** A certificate table header was found (even with no rows under it). */
  headerFound: boolean;
  problems: GuideLine[];
}

type Field = 'number' | 'qualification' | 'level' | 'holderName' | 'approvalDate' | 'status';

const COLUMN_NAMES: Record<Field, RegExp> = {
  number: /^(?:管理号|证书编号|证书号|证书号码|证书管理号)$/,
  qualification: /^(?:资格名称|证书名称|资格|专业名称|资格类别)$/,
  level: /^(?:级别|资格级别|等级)$/,
  holderName: /^(?:姓名|持证人|持证人姓名)$/,
  approvalDate: /^(?:批准日期|批准时间|取得日期|签发日期|发证日期)$/,
  status: /^(?:状态|证书状态)$/,
};
const REQUIRED: readonly Field[] = ['number', 'qualification', 'status'];
const COLUMN_LABEL: Record<Field, string> = {
  number: '证书编号',
  qualification: '资格名称',
  level: '级别',
  holderName: '姓名',
  approvalDate: '批准日期',
  status: '状态',
};

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{5,39}$/;

/** A certificate number as the portal writes it: letters and digits, at least four digits. */
export function isCertificateNumber(text: string): boolean {
  return NUMBER.test(text) && (text.match(/\d/g)?.length ?? 0) >= 4;
}

export function readStatus(text: string): CertificateRow['status'] {
  const t = compact(normaliseText(text)).replace(/^\[|\]$/g, '');
  if (/已撤销|撤销|注销|作废|吊销/.test(t)) return 'withdrawn';
  if (/^(?:证书)?有效$/.test(t)) return 'valid';
  return 'unknown';
}

/** normaliseText(visibleTextOf(cell)), read the quick way (text.ts visibleText). */
function cellText(cell: Element): string {
  return visibleText(cell);
}

function fieldOf(header: string): Field | undefined {
  const key = compact(header).replace(/[:：]$/, '');
  return (Object.keys(COLUMN_NAMES) as Field[]).find((f) => COLUMN_NAMES[f].test(key));
}

/** One row's values → a CertificateRow, or null (with problems) when it cannot be trusted. */
function toRow(values: Partial<Record<Field, string>>, problems: GuideLine[]): CertificateRow | null {
  const number = compact(values.number ?? '');
  const qualification = (values.qualification ?? '').trim();
  if (!isCertificateNumber(number) || !qualification || qualification.length > 200 || isCertificateNumber(compact(qualification))) {
    problems.push(warning('problem_row_unreadable'));
    return null;
  }
  const status = readStatus(values.status ?? '');
  if (status === 'unknown') problems.push(warning('problem_status_unknown', { text: (values.status ?? '').slice(0, 40) }));
  const row: CertificateRow = { number, qualification, status };
  const level = (values.level ?? '').trim();
  if (level && level !== '-' && level !== '—' && level.length <= 100) row.level = level;
  const holderName = (values.holderName ?? '').trim();
  if (holderName && holderName.length <= 100) row.holderName = holderName;
  const dateText = (values.approvalDate ?? '').trim();
  if (dateText) {
    const parsed = parsePortalDate(dateText);
    if (parsed.ok) row.approvalDate = parsed.date;
    else problems.push(warning('problem_date_unreadable', { text: dateText.slice(0, 40) }));
  }
  return row;
}

function* readTables(view: PageView, problems: GuideLine[]): Sliced<{ rows: ReadRow[]; headerFound: boolean; tables: Element[] }> {
  const doc = view.doc;
  const rows: ReadRow[] = [];
  const tables: Element[] = [];
  let headerFound = false;
  let read = 0;
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    if (isHiddenIn(view, table)) continue;
    // The table's own rows: every <tr> under it when no table is nested in it (one query, not one closest() a row).
    const all = Array.from(table.querySelectorAll('tr'));
    const trs = table.querySelector('table') ? all.filter((tr) => tr.closest('table') === table) : all;
    let columns: (Field | undefined)[] | null = null;
    for (const tr of trs) {
      if (++read % ROWS_PER_SLICE === 0) yield;
      const cells = Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
      if (!columns) {
        const fields = cells.map((c) => fieldOf(cellText(c)));
        const known = fields.filter(Boolean);
        // A header: at least three distinct certificate columns, none twice.
        if (known.length >= 3 && new Set(known).size === known.length) {
          const missing = REQUIRED.filter((f) => !fields.includes(f));
          headerFound = true;
          tables.push(table);
          if (missing.length) {
            for (const f of missing) problems.push(warning('problem_missing_column', { column: COLUMN_LABEL[f] }));
            break;
          }
          columns = fields;
        }
        continue;
      }
      if (cells.length === 1 && cells[0]!.hasAttribute('colspan')) continue; // "没有查询到…"
      if (cells.length !== columns.length) {
        if (cells.some((c) => cellText(c))) problems.push(warning('problem_row_unreadable'));
        continue;
      }
      const values: Partial<Record<Field, string>> = {};
      cells.forEach((cell, i) => {
        const f = columns![i];
        if (f) values[f] = cellText(cell);
      });
      const row = toRow(values, problems);
      if (row) rows.push({ row, element: tr });
    }
  }
  return { rows, headerFound, tables };
}

const CARD_LABEL: Record<Field, RegExp> = {
  number: /管理号|证书编号|证书号码|证书号/,
  qualification: /资格名称|证书名称/,
  level: /资格级别|级别/,
  holderName: /姓名|持证人/,
  approvalDate: /批准日期|批准时间|取得日期|签发日期/,
  status: /证书状态|状态/,
};

/** Cards: blocks "证书编号：…" each in their own container, outside the tables already read. */
const NUMBER_LABEL = new RegExp(`^(?:${CARD_LABEL.number.source})[:：]`);

function readCards(view: PageView, skip: Element[], problems: GuideLine[]): ReadRow[] {
  const numberLabel = NUMBER_LABEL;
  if (!mayShow(view, numberLabel)) return [];
  const labels = view.blocks.filter((b) => numberLabel.test(compact(b.text)) && !skip.some((t) => t.contains(b.element)));
  const rows: ReadRow[] = [];
  for (const label of labels) {
    // The card: the largest ancestor holding this number label and no other.
    let card = label.element;
    while (card.parentElement && card.parentElement !== view.doc.body && labels.filter((l) => card.parentElement!.contains(l.element)).length === 1) {
      card = card.parentElement;
    }
    const values: Partial<Record<Field, string>> = {};
    const cardBlocks = view.blocks.filter((b) => card.contains(b.element));
    for (const f of Object.keys(CARD_LABEL) as Field[]) {
      const v = cardValue(cardBlocks, CARD_LABEL[f]);
      if (v !== undefined) values[f] = v;
    }
    if (values.status === undefined) continue; // not a certificate list card (e.g. certificate details)
    const row = toRow(values, problems);
    if (row) rows.push({ row, element: card });
  }
  return rows;
}

/** "标签：值" in one block, or a label block followed by its value block, inside the card. */
function cardValue(blocks: TextBlock[], label: RegExp): string | undefined {
  const alone = new RegExp(`^(?:${label.source})[:：]?$`);
  const inline = new RegExp(`^(?:${label.source})\\s*[:：]\\s*(.+)$`);
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!.text;
    if (alone.test(compact(text))) {
      const next = blocks[i + 1];
      return next && !blocks[i]!.element.contains(next.element) ? next.text : undefined;
    }
    const m = inline.exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/** Every certificate the page shows. */
export function readCertificates(doc: Document, url: URL, view: PageView = readPage(doc, url)): CertificateReading {
  return drain(readCertificatesInSlices(view));
}

/** readCertificates, pausing between slices of rows. */
export function* readCertificatesInSlices(view: PageView): Sliced<CertificateReading> {
  const problems: GuideLine[] = [];
  const tables = yield* readTables(view, problems);
  const cards = readCards(view, tables.tables, problems);
  const rows = [...tables.rows, ...cards];
  // One number read twice with different content is not trusted. (Rows compare as JSON,
  // only when a number comes back.)
  const byNumber = new Map<string, ReadRow>();
  const conflicted = new Set<string>();
  for (const r of rows) {
    const seen = byNumber.get(r.row.number);
    if (!seen) byNumber.set(r.row.number, r);
    else if (JSON.stringify(seen.row) !== JSON.stringify(r.row)) {
      problems.push(warning('problem_row_unreadable'));
      conflicted.add(r.row.number);
    }
  }
  return { rows: [...byNumber.values()].filter((r) => !conflicted.has(r.row.number)), headerFound: tables.headerFound, problems };
}

/** The row element that holds an element, if it is one of the rows read. */
export function rowOf(reading: CertificateReading, el: Element): ReadRow | undefined {
  const holder = closestUp(el, (e) => reading.rows.some((r) => r.element === e), 30);
  return reading.rows.find((r) => r.element === holder);
}
