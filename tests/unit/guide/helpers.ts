// Shared pieces of the guide's unit tests: the real string tables and a plain report.
import { STRING_TABLES } from '../../../lib/guide/tables';
import { makeStrings, tableLookup, type Strings } from '../../../lib/guide/strings';
import type { Locale } from '../../../lib/i18n/locale';
import { buildModel, type ModelInput, type PanelModel } from '../../../lib/guide/model';
import { UNKNOWN_REPORT, type FrameReport } from '../../../lib/guide/report';
import type { GuideContext } from '../../../lib/guide/protocol';

export const strings = (locale: Locale): Strings => makeStrings(locale, tableLookup(STRING_TABLES[locale]));

export const report = (over: Partial<FrameReport> = {}): FrameReport => ({ ...UNKNOWN_REPORT, ...over });

/** The instant every model is drawn at, unless a test says otherwise: 2026-11-30 12:00 in Beijing. */
export const NOW = Date.UTC(2026, 10, 30, 4);

export const CONTEXT: GuideContext = { rememberPages: true, panelCollapsed: false, language: 'auto' };

export function model(over: Partial<ModelInput> = {}): PanelModel {
  return buildModel({
    locale: 'zh_CN',
    stringsId: 'test',
    winner: report({ step: 'cert-list', specificity: 50, hasTarget: true, actionKey: 'action_cert_list' }),
    winnerIsTop: true,
    context: CONTEXT,
    showsRecords: false,
    collapsed: false,
    unknownOpened: false,
    note: null,
    declinedNow: false,
    corner: 'br',
    now: NOW,
    ...over,
  });
}

/**
 * The holder's own input as the browser would deliver it (isTrusted true). happy-dom
 * marks no event as trusted; a page script's click() or dispatchEvent never is.
 */
export function holderEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export function holderClick(el: Element): void {
  el.dispatchEvent(holderEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
}

export function holderKey(el: Element, key: string): void {
  el.dispatchEvent(holderEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true })));
}
