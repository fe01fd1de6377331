// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// Which step of the certificate flow a document shows. Every step module runs on its
// own, inside try/catch: one that throws never stops the others. The most specific wins.
import { readPage, type PageView } from './page';
import type { Recognition, StepModule } from './types';
import { portalHome } from './steps/portal-home';
import { certEntry } from './steps/cert-entry';
import { login } from './steps/login';
import { register } from './steps/register';
import { serviceTerms } from './steps/service-terms';
import { certList } from './steps/cert-list';
import { annotation } from './steps/annotation';
import { annotationApply } from './steps/annotation-apply';

/** Every step, in the order of the flow. */
export const STEPS: readonly StepModule[] = [portalHome, certEntry, login, register, serviceTerms, certList, annotation, annotationApply];

/** Nothing recognised: no target, nothing to say. */
export function unknownRecognition(): Recognition {
  return { step: 'unknown', specificity: 0, target: null, lines: [] };
}

/** Called with the step id and the error when a step throws (for a debug log); never rethrown. */
export type StepErrorHandler = (stepId: string, error: unknown) => void;

export function recognisePage(
  doc: Document,
  url: URL,
  options: { steps?: readonly StepModule[]; onStepError?: StepErrorHandler; now?: number } = {},
): Recognition {
  let view: PageView;
  try {
    view = readPage(doc, url, options.now);
  } catch (error) {
    options.onStepError?.('page', error);
    return unknownRecognition();
  }
  let best: Recognition | null = null;
  for (const step of options.steps ?? STEPS) {
    let found: Recognition | null = null;
    try {
      found = step.recognise(doc, url, view);
    } catch (error) {
      try {
        options.onStepError?.(step.id, error);
      } catch {
        // a failing logger changes nothing
      }
      continue;
    }
    if (found && (!best || found.specificity > best.specificity)) best = found;
  }
  return best ?? unknownRecognition();
}
