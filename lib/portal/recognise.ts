// Which step of the certificate flow a document shows, with every reader at hand: for
// tests, tools and the page report. The content script recognises with the readers it has
// loaded so far (./recognise-core.ts, lib/guide/details.ts).
import { readValidity } from './readers/validity';
import { recognisePageWith, type RecogniseOptions } from './recognise-core';
import type { Details } from './types';
import type { Recognition } from './steps';

export { STEPS, MAIN_PATH, type Recognition, type StepId } from './steps';
export { unknownRecognition, type RecogniseOptions, type StepErrorHandler } from './recognise-core';

/** Every reader that only some pages need. */
export const ALL_DETAILS: Details = { validity: readValidity };

export function recognisePage(doc: Document, url: URL, options: RecogniseOptions = {}): Recognition {
  return recognisePageWith(doc, url, { details: ALL_DETAILS, ...options });
}
