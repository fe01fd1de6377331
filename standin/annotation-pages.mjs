// @ts-check
// The annotation-and-download page (电子证书加注、下载) and the application form (证书加注),
// built from the saved pages for the certificate asked about and its state now.
import { controlsLabelled, elementsShowing, normalise, parse, pointControlAt, replaceDatesIn } from './dom.mjs';
import { fixture, PAGES } from './fixtures.mjs';
import { render } from './pages.mjs';

/** @typedef {import('./pages.mjs').Certificate} Certificate */
/** @typedef {import('./dom.mjs').Doc} Doc */
/** @typedef {ReturnType<typeof import('./model.mjs').annotationView>} View */

/** Where each page of one certificate lives (the saved pages' own URLs). @param {string} number */
export const urlsOf = (number) => {
  const id = encodeURIComponent(number);
  return {
    view: `certAnnotation.do?method=view&id=${id}`,
    apply: `certAnnotation.do?method=applyPage&id=${id}`,
    submit: `certAnnotation.do?method=apply&id=${id}`,
    download: `download.do?id=${id}`,
    show: `/certMng/frame/plugins/pdfjs/web/viewer.html?file=${id}.pdf`,
  };
};

const INFO_FIELDS = /** @type {const} */ ([
  [['姓名'], 'name'],
  [['资格名称'], 'qualification'],
  [['级别'], 'level'],
  [['管理号', '证书编号'], 'number'],
  [['批准日期'], 'approvalDate'],
]);

/**
 * Edit: the certificate information block shows the certificate asked about. Finds
 * each label (a th, a "资格名称：" span or label) and sets the element after it.
 * @param {Doc} doc @param {Certificate} cert
 */
export function showCertificate(doc, cert) {
  for (const labelEl of doc.querySelectorAll('th, td, span, label, dt')) {
    const text = normalise(labelEl.textContent).replace(/[：:]$/, '');
    const field = INFO_FIELDS.find(([names]) => /** @type {readonly string[]} */ (names).includes(text));
    const valueEl = labelEl.nextElementSibling;
    if (!field || !valueEl || valueEl.children.length > 0) continue;
    const key = field[1];
    if (key === 'approvalDate') replaceDatesIn(valueEl, [cert.approvalDate]);
    else valueEl.textContent = cert[key];
  }
}

/**
 * Edit: the validity shown in the annotation block. Dates are replaced in the form the
 * saved page writes them; a day count ("90天") becomes the chosen one.
 * @param {Doc} doc @param {View} view
 */
export function showValidity(doc, view) {
  if (view.state === 'none') return;
  const days = view.application.validityDays;
  for (const el of elementsShowing(doc, /^\s*\d+\s*天\s*$/)) el.textContent = el.textContent?.replace(/\d+/, String(days)) ?? '';
  if (view.state === 'valid' || view.state === 'expired') {
    for (const el of elementsShowing(doc, /\d{4}\s*[-/.年]\s*\d{1,2}.*(至|到|~|-).*\d{4}/)) replaceDatesIn(el, [view.validFrom, view.validUntil]);
  }
}

/**
 * Edit: the page's controls go to this certificate's pages ([申请证书加注], [查看], [下载]).
 * @param {Doc} doc @param {Certificate} cert
 */
export function pointControls(doc, cert) {
  const urls = urlsOf(cert.number);
  for (const el of controlsLabelled(doc, '申请证书加注')) pointControlAt(el, urls.apply);
  for (const el of controlsLabelled(doc, '查看')) if (!el.hasAttribute('disabled')) pointControlAt(el, urls.show);
  for (const el of controlsLabelled(doc, '下载')) if (!el.hasAttribute('disabled')) pointControlAt(el, urls.download);
}

/**
 * 电子证书加注、下载 for a certificate in its current state.
 * @param {Certificate} cert @param {View} view
 */
export function annotationPage(cert, view) {
  return render(PAGES.annotation[view.state], (doc) => {
    showCertificate(doc, cert);
    showValidity(doc, view);
    pointControls(doc, cert);
  });
}

/** The choices the saved form offers, by field: value → text (e.g. syncj: 1 → 本人调用). */
export function formChoices() {
  const { document, close } = parse(fixture(PAGES.annotationApply));
  try {
    /** @type {Record<string, Record<string, string>>} */
    const choices = {};
    for (const select of document.querySelectorAll('select[name]')) {
      const name = select.getAttribute('name') ?? '';
      choices[name] = Object.fromEntries([...select.querySelectorAll('option')].map((o) => [o.getAttribute('value') ?? (o.textContent ?? '').trim(), (o.textContent ?? '').trim()]));
    }
    return choices;
  } finally {
    close();
  }
}

/**
 * Reads the posted application form: the validity in days and the scenario's text,
 * whatever the saved form names its fields (a select of "90天", a number input).
 * @param {URLSearchParams} body
 * @returns {{ validityDays: number, scenario: string }}
 */
export function readApplication(body) {
  const choices = formChoices();
  let validityDays = NaN;
  let scenario = '';
  for (const [name, value] of body) {
    const text = choices[name]?.[value] ?? value;
    if (/^\d+\s*天?$/.test(text)) validityDays = Number.parseInt(text, 10);
    else if (text.trim()) scenario = text.trim();
  }
  return { validityDays, scenario };
}

/**
 * Edit: the saved form confirms in place without a server; the stand-in's posts to it.
 * @param {Doc} doc @param {Certificate} cert
 */
function formThatPosts(doc, cert) {
  const form = doc.querySelector('form');
  if (!form) return;
  form.setAttribute('method', 'post');
  form.setAttribute('action', urlsOf(cert.number).submit);
  form.removeAttribute('onsubmit');
  for (const el of controlsLabelled(doc, '提交加注申请')) {
    if (el.tagName === 'INPUT') el.setAttribute('type', 'submit');
    else if (el.tagName === 'BUTTON') el.setAttribute('type', 'submit');
    el.removeAttribute('onclick');
  }
}

/** The application form (证书加注) for a certificate. @param {Certificate} cert */
export function applyPage(cert) {
  return render(PAGES.annotationApply, (doc) => {
    showCertificate(doc, cert);
    formThatPosts(doc, cert);
  });
}

/**
 * The portal's confirmation of an accepted application.
 * @param {Certificate} cert @param {import('./model.mjs').Application} application
 */
export function submittedPage(cert, application) {
  return render(PAGES.annotationSubmitted, (doc) => {
    for (const el of elementsShowing(doc, /管理号|证书编号/)) {
      el.textContent = (el.textContent ?? '')
        .replace(/(管理号|证书编号)：\s*\S+/, `$1：${cert.number}`)
        .replace(/使用场景：\s*\S+/, `使用场景：${application.scenario}`)
        .replace(/\d+天/, `${application.validityDays}天`);
    }
    for (const el of controlsLabelled(doc, '返回')) pointControlAt(el, urlsOf(cert.number).view);
  });
}

/**
 * Refusal texts. The saved pages hold none (the real wording is not known); these are
 * the stand-in's own, built from the guide's rules, and marked as such in the page.
 */
const REFUSALS = {
  quota: (/** @type {string} */ day) => `自申请加注当日起向前计算，90日内同一证书最多可存在3次有效加注。请于${day}起再申请。`,
  validity: () => '加注有效期须为1至90天。',
  scenario: () => '请选择使用场景。',
};

/**
 * The form again, with the reason an application was refused above its buttons.
 * @param {Certificate} cert @param {{ reason: 'quota' | 'validity' | 'scenario', firstFreeDay?: string }} refusal
 */
export function applyRefused(cert, refusal) {
  return render(PAGES.annotationApply, (doc) => {
    showCertificate(doc, cert);
    formThatPosts(doc, cert);
    const p = doc.createElement('p');
    p.setAttribute('data-standin', 'refusal');
    p.setAttribute('style', 'color:#c00;font-weight:bold;text-align:center');
    p.textContent = refusal.reason === 'quota' ? REFUSALS.quota(refusal.firstFreeDay ?? '') : REFUSALS[refusal.reason]();
    const submit = controlsLabelled(doc, '提交加注申请')[0];
    const where = submit?.parentElement ?? doc.querySelector('form') ?? doc.body;
    if (where.parentElement) where.parentElement.insertBefore(p, where);
    else doc.body.appendChild(p);
  });
}
