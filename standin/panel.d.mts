// Types of panel.mjs for the TypeScript tests.
import type { Page } from 'playwright-core';

export const PANEL_TAG: string;
export function inPanel<T, A>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg: A, missing: T): Promise<T>;
export function panelText(page: Page): Promise<string>;
export function panelCount(page: Page, selector: string): Promise<number>;
export function panelVisible(page: Page, selector: string): Promise<boolean>;
export function panelClick(page: Page, selector: string, timeoutMs?: number): Promise<void>;
