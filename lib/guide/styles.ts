// The panel's style sheet, inside its shadow root. `all: initial` on the host stops the
// portal's inherited styles (fonts, colours, line height, text-align) from leaking in;
// the shadow root stops ours from leaking out.
export const FONT = 'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export const HIGHLIGHT_CSS = `
:host { all: initial; }
.hl {
  position: fixed; box-sizing: border-box; pointer-events: none; display: none;
  border: 3px solid #d9480f; border-radius: 6px;
  box-shadow: 0 0 0 4px rgba(217, 72, 15, 0.28);
}
.hl.on { display: block; }
@media (prefers-reduced-motion: no-preference) {
  .hl.on { animation: cpta-pulse 1.6s ease-out 2; }
}
@keyframes cpta-pulse {
  0% { box-shadow: 0 0 0 4px rgba(217, 72, 15, 0.28); }
  50% { box-shadow: 0 0 0 10px rgba(217, 72, 15, 0.12); }
  100% { box-shadow: 0 0 0 4px rgba(217, 72, 15, 0.28); }
}
`;

export const PANEL_CSS = `${HIGHLIGHT_CSS}
* { box-sizing: border-box; }
.root { font: 14px/1.6 ${FONT}; color: #1f2328; letter-spacing: normal; text-align: left; direction: ltr; }
.sr-only {
  position: fixed; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.panel {
  position: relative; display: block; width: 340px; max-width: calc(100vw - 32px); max-height: min(70vh, calc(100vh - 32px));
  overflow: auto; background: #ffffff; color: #1f2328;
  border: 1px solid #b6c2d2; border-radius: 10px; box-shadow: 0 8px 28px rgba(15, 35, 70, 0.22);
  padding: 12px 14px 10px; font: 14px/1.6 ${FONT};
}
.head { display: flex; align-items: center; gap: 8px; margin: 0 0 4px; }
.badge {
  flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 24px; height: 24px; border-radius: 50%; background: #1c4f8c; color: #fff;
  font-size: 13px; font-weight: 700; line-height: 1;
}
.name { flex: 1; font-size: 13px; color: #4a5563; font-weight: 600; }
.step-of { margin: 0; font-size: 12px; color: #4a5563; }
button { font: inherit; cursor: pointer; }
button:focus-visible { outline: 3px solid #f08c00; outline-offset: 2px; }
.icon-btn {
  flex: none; border: 1px solid transparent; background: transparent; color: #3d4a5c;
  border-radius: 6px; padding: 0 8px; height: 28px; font-size: 13px;
}
.icon-btn:hover { background: #eef2f7; border-color: #d5dde8; }
h2.title { margin: 2px 0 6px; font-size: 17px; line-height: 1.4; font-weight: 700; color: #102a4c; }
.action { margin: 0 0 6px; padding: 8px 10px; background: #f1f6fd; border-left: 4px solid #1c4f8c; border-radius: 4px; }
.action .label { display: block; font-size: 12px; color: #1c4f8c; font-weight: 700; }
.target-note { margin: 0 0 8px; font-size: 13px; color: #8a3b00; }
.target-note.found { color: #2b5f2b; }
ul.lines { list-style: none; margin: 0 0 8px; padding: 0; }
ul.lines li { position: relative; margin: 0 0 6px; padding: 0 0 0 22px; font-size: 13.5px; }
ul.lines li::before { position: absolute; left: 0; top: 0; width: 18px; text-align: center; font-weight: 700; }
ul.lines li.hint::before { content: "i"; color: #1c4f8c; }
ul.lines li.warning { color: #7a2e00; }
ul.lines li.warning::before { content: "!"; color: #c2410c; }
.box { margin: 0 0 8px; padding: 8px 10px; border-radius: 6px; border: 1px solid #d5dde8; background: #fafbfd; }
.box h3 { margin: 0 0 4px; font-size: 14px; color: #102a4c; }
.box p { margin: 0 0 6px; font-size: 13px; }
.box.quota-full { border-color: #e8590c; background: #fff4ec; }
.consent { border-color: #1c4f8c; background: #f3f7fc; }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.primary { background: #1c4f8c; color: #fff; border: 1px solid #1c4f8c; border-radius: 6px; padding: 4px 14px; }
.primary:hover { background: #163f70; }
.secondary { background: #fff; color: #1c4f8c; border: 1px solid #9fb3cf; border-radius: 6px; padding: 4px 14px; }
.note { margin: 0 0 8px; padding: 6px 10px; border-radius: 6px; font-size: 13px; background: #ecf7ec; color: #1e4d1e; }
.note.problem { background: #fff4ec; color: #7a2e00; }
.foot { margin: 4px 0 0; font-size: 12px; color: #5b6675; }
.launcher {
  position: relative; display: inline-flex; align-items: center; gap: 6px;
  padding: 6px 12px 6px 6px; border-radius: 999px; border: 1px solid #163f70;
  background: #1c4f8c; color: #fff; font: 13px/1.4 ${FONT}; box-shadow: 0 4px 14px rgba(15, 35, 70, 0.25);
}
.launcher .badge { background: #fff; color: #1c4f8c; }
.launcher.quiet { opacity: 0.85; padding: 6px; }
`;
