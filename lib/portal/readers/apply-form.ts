// 证书加注 form: the validity the holder chose (加注有效期), as a day count, whether the
// form offers a list of day counts, a number, or a date range. Never reads password fields.
import { daysBetween } from '../../dates/beijing';
import { parsePortalDate, parsePortalRange } from '../../dates/parse';
import { findLabel, findMessage, isHiddenIn, pageMentions, type PageView } from '../page';
import { compact, normaliseText } from '../text';

export const SUBMIT = ['提交加注申请'];
export const CONFIRMED = /加注申请(?:已)?提交成功|加注申请已提交|提交加注申请成功|加注申请成功/;
const VALIDITY_LABEL = /^(?:加注)?有效期(?:限)?[:：]?/;
const FIELD = 'select, input:not([type]), input[type=text], input[type=number], input[type=date], input[type=tel]';

/** The page says the application went in (加注申请提交成功). */
export function isSubmittedConfirmation(view: PageView): boolean {
  return !!findMessage(view, CONFIRMED, 40) && (pageMentions(view, /加注/, 0) || !!findLabel(view, /证书加注|加注/));
}

function fieldsNear(label: Element, view: PageView): Element[] {
  const doc = view.doc;
  const forId = label.tagName === 'LABEL' ? label.getAttribute('for') : null;
  if (forId) {
    const el = doc.getElementById(forId);
    if (el && el.matches(FIELD)) return [el];
  }
  let e: Element | null = label;
  for (let i = 0; e && i < 3; i++, e = e.parentElement) {
    const found = Array.from(e.querySelectorAll(FIELD)).filter((f) => !isHiddenIn(view, f));
    if (found.length) return found;
  }
  return [];
}

const MAX_DAYS = 3650;
const asDays = (n: number): number | undefined => (Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? n : undefined);

function daysFromText(text: string): number | undefined {
  const t = normaliseText(text);
  const m = /^(\d{1,4})\s*(?:天|日)?$/.exec(t) ?? /(\d{1,4})\s*天/.exec(t);
  if (m) return asDays(Number(m[1]));
  const range = parsePortalRange(t);
  return range.ok ? asDays(daysBetween(range.from, range.until) + 1) : undefined;
}

function daysFromFields(fields: Element[]): number | undefined {
  const first = fields[0];
  if (!first) return undefined;
  if (first.tagName === 'SELECT') {
    const select = first as HTMLSelectElement;
    const option = select.options[select.selectedIndex];
    if (!option) return undefined;
    return daysFromText(option.textContent ?? '') ?? daysFromText(option.value);
  }
  const values = fields.map((f) => (f as HTMLInputElement).value ?? '');
  if (values.length >= 2) {
    const from = parsePortalDate(values[0]!);
    const until = parsePortalDate(values[1]!);
    if (from.ok && until.ok && from.date <= until.date) return asDays(daysBetween(from.date, until.date) + 1);
    return undefined;
  }
  return daysFromText(values[0]!);
}

/** The chosen validity in days: from the form, or from a confirmation's "加注有效期：90天". */
export function readChosenValidityDays(view: PageView): number | undefined {
  const label = findLabel(view, VALIDITY_LABEL);
  if (label) {
    const fields = fieldsNear(label.element, view);
    if (fields.length) return daysFromFields(fields);
  }
  // A confirmation that repeats the choice: "…加注有效期：90天".
  const said = new Set<number>();
  for (const block of view.blocks) {
    if (block.text.length > 80) continue;
    const m = /(?:加注)?有效期[:：]?(\d{1,4})天/.exec(compact(block.text));
    const days = m ? asDays(Number(m[1])) : undefined;
    if (days !== undefined) said.add(days);
  }
  return said.size === 1 ? [...said][0] : undefined;
}
