// The extension's browser API as the worker and the extension pages use it, declared once
// in a module that imports nothing of ours, so that any folder may name it without an
// import circle (tests/unit/architecture/layers.test.ts).
import type { browser as wxtBrowser } from 'wxt/browser';

export type ExtensionBrowser = typeof wxtBrowser;
