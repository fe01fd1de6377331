// Which step of the certificate flow a document shows, with every reader at hand: for
// tests, tools and the page report. The content script recognises with the readers it has
// loaded so far, in slices (./recognise-core.ts, lib/guide/details.ts).
import { readValidity } from './readers/validity';
import { recognisePageInSlicesWith, recognisePageWith, type RecogniseOptions } from './recognise-core';
import type { Details } from './types';
import type { Recognition } from './steps';
import type { Sliced } from './sliced';

export { STEPS, MAIN_PATH, type Recognition, type StepId } from './steps';
export { unknownRecognition, type RecogniseOptions, type StepErrorHandler } from './recognise-core';

/** Every reader that only some pages need. */
export const ALL_DETAILS: Details = { validity: readValidity };

export function recognisePage(doc: Document, url: URL, options: RecogniseOptions = {}): Recognition {
  return recognisePageWith(doc, url, { details: ALL_DETAILS, ...options });
}

/** recognisePage, pausing where it may (./recognise-core.ts): the same answer when the page does not change meanwhile. */
export function recognisePageInSlices(doc: Document, url: URL, options: RecogniseOptions = {}): Sliced<Recognition> {
  return recognisePageInSlicesWith(doc, url, { details: ALL_DETAILS, ...options });
}
