// Every step of the flow, one module each: the one list the rest derives from (the step
// ids, the main path, the recognition's type). A new step is a module in this folder,
// added here; tests/unit/portal/steps-complete.test.ts checks that it is whole.
import type { PanelTraits, RecognitionBase, StepModule, StepReading, UnknownRecognition } from '../types';
import { UNKNOWN_STEP } from '../types';
import { portalHome } from './portal-home';
import { certEntry } from './cert-entry';
import { login } from './login';
import { register } from './register';
import { serviceTerms } from './service-terms';
import { certList } from './cert-list';
import { annotation } from './annotation';
import { annotationApply } from './annotation-apply';

/** Every step, in the order of the flow. */
export const STEPS = [portalHome, certEntry, login, register, serviceTerms, certList, annotation, annotationApply] as const;

type AnyStep = (typeof STEPS)[number];

/** A step's id, or 'unknown' for a page no step recognises. */
export type StepId = AnyStep['id'] | typeof UNKNOWN_STEP;

/** What a page was recognised as: each step's own readings, told apart by `step`. */
export type Recognition = (AnyStep extends StepModule<infer R> ? R : never) | UnknownRecognition;

const BY_ID: ReadonlyMap<string, StepModule> = new Map(STEPS.map((s) => [s.id, s as unknown as StepModule]));

/** The module of a step (undefined for 'unknown' or an id no module has). */
export function stepModule(id: string): StepModule | undefined {
  return BY_ID.get(id);
}

/** The main path, for "step n of m": the steps that declare a place on it, in that order. */
export const MAIN_PATH: readonly StepId[] = STEPS.filter((s) => 'place' in s.flow)
  .map((s) => [s.id, (s.flow as { place: number }).place] as const)
  .sort((a, b) => a[1] - b[1])
  .map(([id]) => id);

/** The step's readings as plain data (none for a step that reads nothing). */
export function readingOf(r: RecognitionBase): StepReading {
  const step = stepModule(r.step);
  return step?.reading?.(r) ?? {};
}

/** What the panel does on the step a report names (nothing special when the step declares nothing). */
export function panelTraits(step: string, reading: StepReading): PanelTraits {
  return stepModule(step)?.panel?.(reading) ?? {};
}

type OwnFields<R> = R extends unknown ? Omit<R, keyof RecognitionBase> : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Every step's readings at once, each optional: for tools and tests that look at whatever
 * a page gave. Code that acts on a step asks its module instead (or narrows by `step`).
 */
export type AnyRecognition = RecognitionBase<StepId> & Partial<UnionToIntersection<OwnFields<Recognition>>>;
