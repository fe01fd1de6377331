// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// Lines the panel shows: keys of lib/i18n/<locale>/portal.json, typed so that a key
// that does not exist fails the type check. Params are plain text.
import type zhPortal from '../../../../lib/i18n/zh_CN/portal.json';
import type { GuideLine, Recognition, StepId } from './types';
import type { Control } from './text';

export type PortalKey = keyof typeof zhPortal;

export const hint = (key: PortalKey, params?: GuideLine['params']): GuideLine => (params ? { kind: 'hint', key, params } : { kind: 'hint', key });
export const warning = (key: PortalKey, params?: GuideLine['params']): GuideLine =>
  params ? { kind: 'warning', key, params } : { kind: 'warning', key };

/** How specific a step is: the deeper in the flow, the more it says (frames disagree → higher wins). */
export const SPECIFICITY: Record<StepId, number> = {
  unknown: 0,
  'portal-home': 10,
  'cert-entry': 20,
  login: 30,
  register: 35,
  'service-terms': 40,
  'cert-list': 50,
  annotation: 60,
  'annotation-apply': 70,
};

/** A recognition with its target (or what to look for when the target is missing). */
export function recognised(
  step: Exclude<StepId, 'unknown'>,
  target: Control | undefined | null,
  missingKey: PortalKey | undefined,
  rest: Omit<Recognition, 'step' | 'specificity' | 'target' | 'targetMissingKey'>,
): Recognition {
  const out: Recognition = { step, specificity: SPECIFICITY[step], target: target?.element ?? null, ...rest };
  if (!target && missingKey) out.targetMissingKey = missingKey;
  return out;
}
