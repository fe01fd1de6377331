// An application for an annotation spans two pages: sent from the form
// (lib/portal/steps/annotation-apply.ts), confirmed by the form's own confirmation or by
// the annotation page showing it generating (lib/portal/steps/annotation.ts).
import type { ApplicationSent, PortalMessage, StepReading } from './types';

/** 使用场景: the only one the portal offers (docs/PORTAL.md); the form's choice is not read. */
export const SCENARIO = '本人调用';

/**
 * What is recorded once a page confirms an application sent earlier: its validity (as
 * chosen on the form, else as the confirming page shows it) and its certificate. Null
 * when the validity is not known (nothing can be planned from it).
 */
export function appliedMessage(sent: ApplicationSent & { scenario?: string }, confirming: StepReading): PortalMessage | null {
  const days = sent.validityDays ?? confirming.chosenValidityDays;
  if (!days) return null;
  const number = confirming.certificateNumber ?? sent.certificateNumber;
  const message: PortalMessage = { type: 'portal/annotation-applied', validityDays: days, scenario: sent.scenario ?? SCENARIO };
  if (number) message.certificateNumber = number;
  return message;
}
