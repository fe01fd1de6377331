// The page report shown to the holder, in full, before anything else happens: a read-only
// box holding the whole report, and three buttons (copy, save as a file, close). Nothing
// is sent anywhere. Plain DOM (this module is loaded only when the holder asks), drawn in
// the panel's shadow root; every text goes in as text. Only the holder's own clicks
// (event.isTrusted) copy, save or close: a page script's click() does nothing.
import type zhGuide from '../i18n/zh_CN/guide.json';

/** The dialog's strings, and locale_code (the language they are in: each area file names its own). */
export type ReportKey = Extract<keyof typeof zhGuide, `report_${string}` | 'locale_code'>;

export interface DialogOptions {
  root: ShadowRoot;
  doc: Document;
  text: string;
  fileName: string;
  t: (key: ReportKey, params?: Record<string, string>) => string;
  onClose(): void;
}

export const DIALOG_CSS = `
.report-dialog { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; background: rgba(15, 35, 70, 0.35); z-index: 1; }
.report-dialog .sheet { display: flex; flex-direction: column; gap: 8px; width: min(720px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; background: #fff; color: #1f2328; border: 1px solid #b6c2d2; border-radius: 10px; box-shadow: 0 8px 28px rgba(15, 35, 70, 0.3); padding: 14px 16px; font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
.report-dialog h2 { margin: 0; font-size: 17px; color: #102a4c; }
.report-dialog p { margin: 0; font-size: 13px; }
.report-dialog textarea { width: 100%; height: 45vh; min-height: 160px; font: 12px/1.45 ui-monospace, "SFMono-Regular", Consolas, "Noto Sans Mono CJK SC", monospace; white-space: pre; border: 1px solid #b6c2d2; border-radius: 6px; padding: 6px; color: #1f2328; background: #fafbfd; }
.report-dialog .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.report-dialog .status { min-height: 1.6em; font-size: 13px; color: #1e4d1e; }
@media (prefers-color-scheme: dark) {
  .report-dialog { background: rgba(0, 0, 0, 0.55); }
  .report-dialog .sheet { background: #161b22; color: #e6edf3; border-color: #6e7a8a; }
  .report-dialog h2 { color: #cfe3ff; }
  .report-dialog textarea { color: #e6edf3; background: #0d1117; border-color: #3d4654; color-scheme: dark; }
  .report-dialog .status { color: #9be9a8; }
}
`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Shows the report; returns a function that closes it. */
export function showReportDialog(o: DialogOptions): () => void {
  const { doc, t } = o;
  o.root.querySelector('.report-dialog')?.remove();
  if (!o.root.querySelector('style[data-report]')) o.root.appendChild(el(doc, 'style', { 'data-report': '' }, DIALOG_CSS));

  const overlay = el(doc, 'div', { class: 'report-dialog' });
  const sheet = el(doc, 'div', { class: 'sheet root', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'cpta-report-title', lang: t('locale_code') === 'en' ? 'en' : 'zh-CN' });
  const title = el(doc, 'h2', { id: 'cpta-report-title' }, t('report_title'));
  const intro = el(doc, 'p', {}, t('report_intro'));
  const box = el(doc, 'textarea', { readonly: '', spellcheck: 'false', 'aria-labelledby': 'cpta-report-title', 'data-testid': 'page-report-text' });
  box.value = o.text;
  const send = el(doc, 'p', {}, t('report_send'));
  const status = el(doc, 'p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const buttons = el(doc, 'div', { class: 'buttons' });
  const copy = el(doc, 'button', { type: 'button', class: 'secondary', 'data-testid': 'page-report-copy' }, t('report_copy'));
  const save = el(doc, 'button', { type: 'button', class: 'primary', 'data-testid': 'page-report-save' }, t('report_save'));
  const close = el(doc, 'button', { type: 'button', class: 'secondary', 'data-testid': 'page-report-close' }, t('report_close'));
  buttons.append(save, copy, close);
  sheet.append(title, intro, box, send, buttons, status);
  overlay.appendChild(sheet);
  o.root.appendChild(overlay);

  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    overlay.remove();
    o.onClose();
  };
  const trusted = (handler: () => void) => (event: Event) => {
    if (!event.isTrusted) return;
    event.stopPropagation();
    handler();
  };

  copy.addEventListener(
    'click',
    trusted(() => {
      const done = () => (status.textContent = t('report_copied'));
      const byHand = () => {
        box.focus();
        box.select();
        let ok = false;
        try {
          ok = doc.execCommand('copy');
        } catch {
          ok = false;
        }
        status.textContent = ok ? t('report_copied') : t('report_copy_failed');
      };
      const clipboard = doc.defaultView?.navigator.clipboard;
      if (clipboard && doc.defaultView?.isSecureContext) clipboard.writeText(o.text).then(done, byHand);
      else byHand();
    }),
  );
  save.addEventListener(
    'click',
    trusted(() => {
      const view = doc.defaultView!;
      const url = view.URL.createObjectURL(new view.Blob([o.text], { type: 'application/json' }));
      const link = el(doc, 'a', { href: url, download: o.fileName });
      o.root.appendChild(link);
      link.click();
      link.remove();
      view.setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
      status.textContent = t('report_saved', { file: o.fileName });
    }),
  );
  close.addEventListener('click', trusted(finish));
  overlay.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && event.isTrusted) {
      event.stopPropagation();
      finish();
    }
  });
  // From its first line: the header says what the report is.
  box.focus();
  box.setSelectionRange(0, 0);
  box.scrollTop = 0;
  return finish;
}
