// Which step of the certificate flow a document shows, with the readers it is given
// (`Details`): the content script hands in those it has loaded so far (lib/guide/details.ts),
// ./recognise.ts hands in all of them. Every step module runs on its own, inside
// try/catch: one that throws never stops the others. The most specific wins.
import { readControlsInSlices, readPage, type PageView } from './page';
import { UNKNOWN_STEP, type Details, type RecognitionBase, type StepModule, type UnknownRecognition } from './types';
import { STEPS, type Recognition } from './steps';
import { drain, type Sliced } from './sliced';

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
  return drain(recogniseSteps(doc, url, options, false));
}

/**
 * recognisePageWith, pausing between steps and inside a step that reads a long page (its
 * recogniseInSlices, the same reading as its recognise): the same steps over the same
 * view, so the same answer when the page does not change meanwhile (lib/guide/agent.ts
 * reads it again when it does).
 */
export function recognisePageInSlicesWith(doc: Document, url: URL, options: RecogniseOptions = {}): Sliced<Recognition> {
  return recogniseSteps(doc, url, options, true);
}

function* recogniseSteps(doc: Document, url: URL, options: RecogniseOptions, inSlices: boolean): Sliced<Recognition> {
  let view: PageView;
  try {
    view = (options.read ?? readPage)(doc, url, options.now);
  } catch (error) {
    options.onStepError?.('page', error);
    return unknownRecognition();
  }
  try {
    // Every step asks for controls by name: all of them are read first, in slices.
    yield* readControlsInSlices(view);
  } catch {
    // Read again, and failing there, by the step that asks.
  }
  const details = options.details ?? {};
  let best: RecognitionBase | null = null;
  for (const step of options.steps ?? (STEPS as readonly StepModule[])) {
    let found: RecognitionBase | null = null;
    try {
      found = inSlices && step.recogniseInSlices ? yield* step.recogniseInSlices(doc, url, view, details) : step.recognise(doc, url, view, details);
    } catch (error) {
      try {
        options.onStepError?.(step.id, error);
      } catch {
        // a failing logger changes nothing
      }
      continue;
    }
    if (found && (!best || found.specificity > best.specificity)) best = found;
    yield;
  }
  // Each module returns its own recognition: the union is what they return.
  return (best as Recognition | null) ?? unknownRecognition();
}
