// Types of browser.mjs for the TypeScript tests.
import type { BrowserContext, Worker } from 'playwright-core';

export const PORTAL_HOSTS: string[];
export function hostRules(ports: { http: number; https?: number }): string;
export function launchChromium(options: {
  dist: string;
  ports?: { http: number; https?: number };
  headless: boolean;
  lang?: string;
  viewport?: { width: number; height: number } | null;
}): Promise<{ context: BrowserContext; worker: Worker; extensionId: string; profile: string; close(): Promise<void> }>;
