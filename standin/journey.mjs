// @ts-check
// A holder's whole first visit, step by step, defined once: `npm start` walks it headless
// and keeps a screenshot of each step; the journey test walks it and checks each step.
//
// Time: the stand-in's clock and the extension's notion of now move together (see
// Walk.setTime): 25 hours on for "ready", then 3 days before the validity ends, then past it.
import { addDays, startOfBeijingDay } from './model.mjs';

/** The certificate the journey annotates: the 有效 社会工作者 on the saved list (needs annotation). */
export const JOURNEY_CERTIFICATE = '2205110000300127';
export const HOUR = 3_600_000;

/**
 * @typedef {object} JourneyStep
 * @property {string} id                  also the screenshot's name
 * @property {string} says                what happens, in words (printed by `npm start`)
 * @property {(walk: import('./walk.mjs').Walk) => Promise<unknown>} run
 * @property {{ step: string, annotationState?: string, target?: string | null }} [guide]  what the guide must show after it
 * @property {'page' | 'popup'} shot      what the screenshot shows
 */

/**
 * The annotation the journey made, as the extension stores it (the newest of the certificate).
 * @param {import('./walk.mjs').Records} records
 */
export function journeyAnnotation(records) {
  return records.annotations
    .filter((a) => a.certificateNumber === JOURNEY_CERTIFICATE)
    .sort((x, y) => y.appliedAt - x.appliedAt)[0];
}

/**
 * Applies from the annotation page: the form, a validity, [提交加注申请], the confirmation,
 * and back to the annotation page. Waits until the extension has recorded it.
 * @param {import('./walk.mjs').Walk} walk @param {number} days @param {number} count applications expected afterwards
 */
async function submitAndWaitForRecord(walk, days, count) {
  await walk.followGuide();
  await walk.waitForRecords(
    (r) => r.annotations.filter((a) => a.certificateNumber === JOURNEY_CERTIFICATE).length === count,
    `application ${count} (${days} days)`,
  );
}

/** @param {{ validityDays?: number }} [options] @returns {JourneyStep[]} */
export function journeySteps(options = {}) {
  const days = options.validityDays ?? 60;
  /** @type {JourneyStep[]} */
  const steps = [
    {
      id: 'home', shot: 'page', says: 'The portal home page: the guide points at [证书查验].',
      run: (w) => w.openHome(),
      guide: { step: 'portal-home', target: '证书查验' },
    },
    {
      id: 'entry', shot: 'page', says: '[证书查验] opens the entry page: the guide points at [证书下载].',
      run: (w) => w.followGuide(),
      guide: { step: 'cert-entry', target: '证书下载' },
    },
    {
      id: 'login', shot: 'page', says: '[证书下载] opens the login page in a new tab (the guide never touches the password or captcha).',
      run: (w) => w.followGuide(),
      guide: { step: 'login', target: null },
    },
    {
      id: 'terms', shot: 'page', says: 'Logged in (any name, password and captcha): the 服务须知 of a first login; the guide points at [同意].',
      run: (w) => w.logIn('zhangxiaoming'),
      guide: { step: 'service-terms', target: '同意' },
    },
    {
      id: 'list', shot: 'page', says: 'The certificate list: the guide asks whether to remember it, and points at [下载] of a valid certificate.',
      run: (w) => w.followGuide(),
      guide: { step: 'cert-list', target: '下载' },
    },
    {
      id: 'list-consent', shot: 'page', says: 'Consent given: the extension remembers the three certificates on this device.',
      run: async (w) => {
        await w.giveConsent();
        await w.waitForRecords((r) => r.certificates.length >= 3, 'the three certificates of the list');
      },
      guide: { step: 'cert-list', target: '下载' },
    },
    {
      id: 'annotation-none', shot: 'page', says: '[下载] opens the annotation page: no annotation yet; the guide points at [申请证书加注].',
      run: (w) => w.followGuide(),
      guide: { step: 'annotation', annotationState: 'none', target: '申请证书加注' },
    },
    {
      id: 'apply-form', shot: 'page', says: 'The application form: scenario 本人调用; the guide points at [提交加注申请].',
      run: (w) => w.followGuide(),
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
    {
      id: `apply-${days}-days`, shot: 'page', says: `${days} days chosen: the guide advises 90 unless there is a need.`,
      run: (w) => w.chooseValidity(days),
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
    {
      id: 'submitted', shot: 'page', says: '[提交加注申请]: the portal confirms; the extension records a generating annotation.',
      run: (w) => submitAndWaitForRecord(w, days, 1),
      guide: { step: 'annotation-apply', target: null },
    },
    {
      id: 'generating', shot: 'page', says: 'Back on the annotation page: 证书生成中…, ready within 24 hours.',
      run: (w) => w.clickLabelled('返回'),
      guide: { step: 'annotation', annotationState: 'generating', target: null },
    },
    {
      id: 'ready-reminder', shot: 'popup', says: '25 hours later: the "ready" reminder and the badge (popup shown).',
      run: async (w) => {
        await w.advance(25 * HOUR);
        await w.waitForNotification('ready');
      },
    },
    {
      id: 'valid', shot: 'page', says: 'The annotation page again: valid, with its dates; they replace the estimate. The guide points at [下载].',
      run: async (w) => {
        await w.reload();
        await w.waitForRecords((r) => journeyAnnotation(r)?.validUntil?.source === 'portal', 'the dates read from the page');
      },
      guide: { step: 'annotation', annotationState: 'valid', target: '下载' },
    },
    {
      id: 'popup', shot: 'popup', says: 'The toolbar popup shows the certificate with its valid annotation.',
      run: async () => undefined,
    },
    {
      id: 'expiring-reminder', shot: 'popup', says: '3 days before the validity ends: the "expiring" reminder.',
      run: async (w) => {
        const a = journeyAnnotation(await w.records());
        await w.setTime(startOfBeijingDay(addDays(a.validUntil.date, -3)) + 12 * HOUR);
        await w.waitForNotification('expiring');
      },
    },
    {
      id: 'expired-reminder', shot: 'popup', says: 'After the last valid day: the "expired" reminder.',
      run: async (w) => {
        const a = journeyAnnotation(await w.records());
        // Noon in Beijing two days on: past the first local morning after expiry in any time zone.
        await w.setTime(startOfBeijingDay(addDays(a.validUntil.date, 2)) + 12 * HOUR);
        await w.waitForNotification('expired');
      },
    },
    {
      id: 'expired', shot: 'page', says: 'The annotation page: 加注件已过期; the guide points at [申请证书加注].',
      run: (w) => w.reload(),
      guide: { step: 'annotation', annotationState: 'expired', target: '申请证书加注' },
    },
    {
      id: 'second-form', shot: 'page', says: 'A second application: the form shows 1 of 3 used in 90 days.',
      run: (w) => w.followGuide(),
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
    {
      id: 'second-submitted', shot: 'page', says: 'Submitted (90 days).',
      run: async (w) => {
        await w.chooseValidity(90);
        await submitAndWaitForRecord(w, 90, 2);
      },
      guide: { step: 'annotation-apply', target: null },
    },
    {
      id: 'second-valid', shot: 'page', says: '25 hours later it is valid.',
      run: async (w) => {
        await w.clickLabelled('返回');
        await w.advance(25 * HOUR);
        await w.reload();
      },
      guide: { step: 'annotation', annotationState: 'valid', target: '下载' },
    },
    {
      id: 'third-form', shot: 'page', says: 'A third application: 2 of 3 used.',
      run: (w) => w.clickLabelled('申请证书加注'),
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
    {
      id: 'third-submitted', shot: 'page', says: 'Submitted: 3 of 3 used in 90 days.',
      run: async (w) => {
        await w.chooseValidity(90);
        await submitAndWaitForRecord(w, 90, 3);
      },
      guide: { step: 'annotation-apply', target: null },
    },
    {
      id: 'quota-warning', shot: 'page', says: 'A fourth try: the guide warns that 3 are used, that the site may refuse, and names the day it surely will not.',
      run: async (w) => {
        await w.clickLabelled('返回');
        await w.clickLabelled('申请证书加注');
      },
      // The count is the rule's conservative reading (lib/model/quota.ts): the holder may
      // still try, so [提交加注申请] stays outlined.
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
    {
      id: 'quota-refused', shot: 'page', says: 'Submitted anyway: the portal refuses; nothing is recorded.',
      run: (w) => w.clickLabelled('提交加注申请'),
      // The form is shown again with the refusal; the panel still names the sure day.
      guide: { step: 'annotation-apply', target: '提交加注申请' },
    },
  ];
  return steps;
}
