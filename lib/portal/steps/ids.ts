// The step ids alone, in the order of lib/portal/steps/index.ts' STEPS, for code that must
// know them without carrying the steps' code: the worker's message schema (lib/messages.ts)
// and its memory of where a tab is (lib/background/tab-step.ts).
// tests/unit/portal/steps-complete.test.ts checks that they are exactly STEPS' ids.

export const STEP_IDS = ['portal-home', 'cert-entry', 'login', 'register', 'service-terms', 'cert-list', 'annotation', 'annotation-apply'] as const;

/** The website's home page: outside the flow proper (a tab there has not started it). */
export const HOME_STEP = 'portal-home' satisfies (typeof STEP_IDS)[number];

/** Every step of the flow proper: all but the home page. */
export const FLOW_STEP_IDS: readonly string[] = STEP_IDS.filter((id) => id !== HOME_STEP);
