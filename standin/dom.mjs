// @ts-check
// Reading and editing a saved page on the server. The saved pages under tests/fixtures
// are served as they are; where the stand-in must change one (a link to the right
// certificate, today's dates) it edits the parsed document, and every edit is a named
// function in pages.mjs. Scripts in the saved pages are kept as text, never run here.
import { Window } from 'happy-dom';

/** @typedef {import('happy-dom').Document} Doc */
/** @typedef {import('happy-dom').Element} El */

/** Parses HTML without running any of its scripts or loading anything. @param {string} html */
export function parse(html) {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return { document: window.document, close: () => window.happyDOM.close() };
}

/** @param {Doc} document */
export function serialize(document) {
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : '';
  return doctype + document.documentElement.outerHTML;
}

/**
 * Text as a person reads it: full-width spaces and brackets, &nbsp; and runs of
 * whitespace folded, so that "[ 下载 ]", "【下载】" and "下　载" compare equal to "下载".
 * @param {string | null | undefined} text
 */
export function normalise(text) {
  return (text ?? '')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[[\]【】［］〔〕()（）]/g, '')
    .replace(/\.\.\.|⋯/g, '…');
}

const CONTROLS = 'a, button, input[type=button], input[type=submit], input[type=reset], [role=button], [onclick]';

/** The visible label of a control: its text, or an input's value. @param {El} el */
export function label(el) {
  return normalise(el.tagName === 'INPUT' ? el.getAttribute('value') : el.textContent);
}

/**
 * Controls whose label is `text` (or starts with it, for labels such as "下载（PDF）"),
 * innermost first so that a clickable row does not shadow its own button.
 * @param {Doc | El} root @param {string} text
 * @returns {El[]}
 */
export function controlsLabelled(root, text) {
  const want = normalise(text);
  const found = [...root.querySelectorAll(CONTROLS)].filter((el) => label(el) === want || label(el).startsWith(want));
  return found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
}

/**
 * Elements whose own text contains `text` and that have no child element also
 * containing it: the smallest element showing a message.
 * @param {Doc | El} root @param {string | RegExp} text
 * @returns {El[]}
 */
export function elementsShowing(root, text) {
  const test = (/** @type {string} */ s) => (typeof text === 'string' ? s.includes(text) : text.test(s));
  const all = [...root.querySelectorAll('body *')].filter((el) => !['SCRIPT', 'STYLE'].includes(el.tagName) && test(el.textContent ?? ''));
  return all.filter((el) => ![...el.children].some((c) => test(c.textContent ?? '')));
}

/**
 * Makes a control go to `href` when clicked, whatever it was (a link, a button with an
 * onclick, an input). Links keep their element and only change their href.
 * @param {El} el @param {string} href
 */
export function pointControlAt(el, href) {
  if (el.tagName === 'A') {
    el.setAttribute('href', href);
    el.removeAttribute('onclick');
    return;
  }
  el.setAttribute('onclick', `window.location.href=${JSON.stringify(href)}`);
  if (el.tagName === 'BUTTON' && !el.getAttribute('type')) el.setAttribute('type', 'button');
}

/**
 * Replaces every date in an element's text (2026-12-01, 2026/12/1, 2026.12.01, 2026年12月1日)
 * in order with the given ones, keeping the form each was written in.
 * @param {El} el @param {string[]} isoDates YYYY-MM-DD
 * @returns {number} how many were replaced
 */
export function replaceDatesIn(el, isoDates) {
  const DATE = /(\d{4})(年|[-/.])(\d{1,2})(月|[-/.])(\d{1,2})(日?)/g;
  let i = 0;
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const next = text.replace(DATE, (whole, _y, sep1, mo, sep2, d, tail) => {
      const iso = isoDates[i];
      if (!iso) return whole;
      i++;
      const [y2, m2, d2] = iso.split('-');
      // 2026年5月1日 and 2026/5/1 stay unpadded; 2026-05-01 and 2026.05.01 keep two digits.
      const padded = sep1 === '-' || mo.startsWith('0') || d.startsWith('0');
      const fit = (/** @type {string} */ v) => (padded ? v : String(Number(v)));
      return `${y2}${sep1}${fit(/** @type {string} */ (m2))}${sep2}${fit(/** @type {string} */ (d2))}${tail}`;
    });
    if (next !== text) node.textContent = next;
  }
  return i;
}
