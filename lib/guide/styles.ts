// The guide's style sheets, as strings for its shadow roots (minified by the build).
// `all: initial` on the host stops the portal's inherited styles (fonts, colours, line
// height, text-align) from leaking in; the shadow root stops ours from leaking out.
import highlightCss from './highlight.css?inline';
import panelCss from './panel.css?inline';

export const HIGHLIGHT_CSS: string = highlightCss;
export const PANEL_CSS: string = highlightCss + panelCss;
