// Which step of the certificate flow a document shows, with the readers it is given
// (`Details`): the content script hands in those it has loaded so far (lib/guide/details.ts),
// ./recognise.ts hands in all of them. Every step module runs on its own, inside
// try/catch: one that throws never stops the others. The most specific wins.
import { readPage, type PageView } from './page';
import { UNKNOWN_STEP, type Details, type RecognitionBase, type StepModule, type UnknownRecognition } from './types';
import { STEPS, type Recognition } from './steps';

/** Nothing recognised: no target, nothing to say. */
export function unknownRecognition(): UnknownRecognition {
  return { step: UNKNOWN_STEP, specificity: 0, target: null, lines: [] };
}

/** Called with the step id and the error when a step throws (for a debug log); never rethrown. */
export type StepErrorHandler = (stepId: string, error: unknown) => void;

export interface RecogniseOptions {
  steps?: readonly StepModule[];
  onStepError?: StepErrorHandler;
  now?: number;
  /** How the page is read (tests/unit/portal/equivalence.test.ts passes the reference reading). */
  read?: (doc: Document, url: URL, now?: number) => PageView;
  /** The readers only some pages need; a step without the one it needs asks rather than guesses. */
  details?: Details;
}

export function recognisePageWith(doc: Document, url: URL, options: RecogniseOptions = {}): Recognition {
  let view: PageView;
  try {
    view = (options.read ?? readPage)(doc, url, options.now);
  } catch (error) {
    options.onStepError?.('page', error);
    return unknownRecognition();
  }
  const details = options.details ?? {};
  let best: RecognitionBase | null = null;
  for (const step of options.steps ?? (STEPS as readonly StepModule[])) {
    let found: RecognitionBase | null = null;
    try {
      found = step.recognise(doc, url, view, details);
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
  // Each module returns its own recognition: the union is what they return.
  return (best as Recognition | null) ?? unknownRecognition();
}
