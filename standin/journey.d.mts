// Types of journey.mjs for the TypeScript tests.
import type { Records, Walk } from './walk.mjs';

export const JOURNEY_CERTIFICATE: string;
export const HOUR: number;

export interface JourneyStep {
  id: string;
  says: string;
  run(walk: Walk): Promise<unknown>;
  guide?: { step: string; annotationState?: string; target?: string | null };
  shot: 'page' | 'popup';
}

export function journeyAnnotation(records: Records): any;
export function journeySteps(options?: { validityDays?: number }): JourneyStep[];
