// Lines the panel shows: keys of lib/i18n/<locale>/portal.json, typed so that a key
// that does not exist fails the type check. Params are plain text.
import type { GuideLine, PortalKey, RecognitionBase, StepModule } from './types';
import type { Control } from './text';

export type { PortalKey };

export const hint = (key: PortalKey, params?: GuideLine['params']): GuideLine => (params ? { kind: 'hint', key, params } : { kind: 'hint', key });
export const warning = (key: PortalKey, params?: GuideLine['params']): GuideLine =>
  params ? { kind: 'warning', key, params } : { kind: 'warning', key };

/** A recognition of `step` with its target (or what to look for when the target is missing). */
export function recognised<R extends RecognitionBase>(
  step: StepModule<R>,
  target: Control | undefined | null,
  missingKey: PortalKey | undefined,
  rest: Omit<R, 'step' | 'specificity' | 'target' | 'targetMissingKey'>,
): R {
  const out = { step: step.id, specificity: step.specificity, target: target?.element ?? null, ...rest } as R;
  if (!target && missingKey) out.targetMissingKey = missingKey;
  return out;
}
