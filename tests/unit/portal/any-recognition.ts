// Tests read whichever step's fields a page gave (the union, widened): the guide never
// does, it asks the winning step's module (lib/portal/steps/index.ts).
import { recognisePage as recognise } from '../../../lib/portal/recognise';
import type { AnyRecognition } from '../../../lib/portal/steps';

export type { AnyRecognition as Recognition };

export const recognisePage = (...args: Parameters<typeof recognise>): AnyRecognition => recognise(...args) as AnyRecognition;
