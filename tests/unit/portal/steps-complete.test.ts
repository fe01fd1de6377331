// Every step is a whole feature (lib/portal/steps): this checks that each one is complete,
// so that a new step fails here, by name, until it is. Its specificity, its place in the
// flow, its name and actions in both languages, its saved pages, and the few lists
// outside the steps folder that must know every step.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import zhPortal from '../../../lib/i18n/zh_CN/portal.json';
import enPortal from '../../../lib/i18n/en/portal.json';
import { MAIN_PATH, STEPS } from '../../../lib/portal/recognise';
import { panelTraits, type StepId } from '../../../lib/portal/steps';
import type { AnnotationPageState, PanelTraits, StepReading } from '../../../lib/portal/types';
import { UNKNOWN_STEP } from '../../../lib/portal/types';
import { stepNameKey } from '../../../lib/guide/model';
import { Message } from '../../../lib/messages';
import { FLOW_STEPS } from '../../../lib/background/tab-step';
import { STEP_IDS } from '../../../lib/portal/steps/ids';
import { FIXTURES_DIR, SAVED, loadShared } from './fixtures';

const zh = zhPortal as Record<string, string>;
const en = enPortal as Record<string, string>;
const inBothLocales = (key: string) => typeof zh[key] === 'string' && typeof en[key] === 'string';

/** Every portal key a step's panel traits name, for readings in each state the page can show. */
function traitKeys(traits: PanelTraits): string[] {
  const keys: string[] = [];
  if (traits.generating) keys.push(...Object.values(traits.generating));
  if (traits.lastDay) keys.push(traits.lastDay.replacesProblem);
  keys.push(...(traits.noReapplyLines ?? []));
  return keys;
}
const STATES: (AnnotationPageState | undefined)[] = [undefined, 'none', 'generating', 'valid', 'expired'];
const READINGS: StepReading[] = STATES.flatMap((annotationState) => [false, true].map((applicationSubmitted) => ({ annotationState, applicationSubmitted })));

describe('every step is whole', () => {
  test('the ids are distinct and none is the unknown step', () => {
    const ids = STEPS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(UNKNOWN_STEP);
  });

  test('specificities are defined, positive and distinct (frames that disagree need a winner)', () => {
    for (const step of STEPS) expect(Number.isFinite(step.specificity) && step.specificity > 0, step.id).toBe(true);
    const values = STEPS.map((s) => s.specificity);
    expect(new Set(values).size).toBe(values.length);
  });

  test('each has a place on the main path (1..n, no gap, no two alike) or says why it is off it', () => {
    const places = STEPS.flatMap((s) => ('place' in s.flow ? [s.flow.place] : [])).sort((a, b) => a - b);
    expect(places).toEqual(places.map((_, i) => i + 1));
    for (const step of STEPS) {
      if ('offPath' in step.flow) expect(step.flow.offPath.length, step.id).toBeGreaterThan(10);
    }
    expect(MAIN_PATH.length).toBe(places.length);
    // Deeper on the path says more: a later step outranks an earlier one.
    const specificity = MAIN_PATH.map((id) => STEPS.find((s) => s.id === id)!.specificity);
    expect(specificity).toEqual([...specificity].sort((a, b) => a - b));
  });

  test('its name and every action and panel line it names exist in both languages', () => {
    const ids: StepId[] = [...STEPS.map((s): StepId => s.id), UNKNOWN_STEP];
    for (const step of ids) {
      expect(inBothLocales(stepNameKey(step)), stepNameKey(step)).toBe(true);
    }
    for (const step of STEPS) {
      expect(step.actions.length, step.id).toBeGreaterThan(0);
      for (const key of step.actions) {
        expect(key.startsWith('action_'), `${step.id}: ${key}`).toBe(true);
        expect(inBothLocales(key), `${step.id}: ${key}`).toBe(true);
      }
      for (const reading of READINGS) {
        for (const key of traitKeys(panelTraits(step.id, reading))) expect(inBothLocales(key), `${step.id}: ${key}`).toBe(true);
      }
    }
  });

  // Its saved pages are those fixtures.json lists under its id (the step's module does not
  // carry their names: the content script would ship them to every portal page).
  const examplesOf = (id: string) => SAVED.filter((p) => p.step === id).map((p) => p.file);

  test('it has at least two saved pages, listed in fixtures.json under its id and on disk', () => {
    for (const step of STEPS) {
      expect(examplesOf(step.id).length, step.id).toBeGreaterThanOrEqual(2);
      for (const file of examplesOf(step.id)) expect(existsSync(join(FIXTURES_DIR, file)), file).toBe(true);
    }
  });

  test('on its saved pages it names only actions it declares', async () => {
    for (const step of STEPS) {
      for (const file of examplesOf(step.id)) {
        const { document, url } = await loadShared(file);
        const found = step.recognise(document, url);
        if (found?.actionKey) expect(step.actions, `${step.id}: ${file}`).toContain(found.actionKey);
      }
    }
  });
});

describe('the lists outside the steps folder know every step', () => {
  test('the ids the worker knows (lib/portal/steps/ids.ts) are exactly the steps, in order', () => {
    expect([...STEP_IDS]).toEqual(STEPS.map((s) => s.id));
  });

  test('the background accepts every step in guide/step-seen (lib/messages.ts)', () => {
    for (const step of [...STEPS.map((s) => s.id), UNKNOWN_STEP]) {
      expect(Message.safeParse({ type: 'guide/step-seen', step }).success, step).toBe(true);
    }
  });
  test('every step but the home page puts a tab inside the flow (lib/background/tab-step.ts)', () => {
    const home = MAIN_PATH[0];
    expect([...FLOW_STEPS].sort()).toEqual(STEPS.map((s) => s.id).filter((id) => id !== home).sort());
  });
});
