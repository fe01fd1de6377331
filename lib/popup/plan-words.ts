// planUsage()'s answer as lines of the popup's strings (keys and plain-text params).
import { addDays, formatBeijingDate, type BeijingDate } from '../dates/beijing';
import type { Locale } from '../i18n/locale';
import type { PlannedApplication, UsagePlan, UsagePlanOk } from '../model/usage';
import type { Problem } from './forms';

export interface PlanWords {
  /** The answer in one sentence. */
  headline: Problem;
  /** Details: each application, each existing annotation that covers part of the request. */
  lines: Problem[];
  ok: boolean;
}

function applicationLine(app: PlannedApplication, d: (x: BeijingDate) => string): Problem {
  return {
    key: app.earliestApplyOn === app.applyOn ? 'planApplyOn' : 'planApplyBetween',
    params: {
      earliest: d(app.earliestApplyOn),
      latest: d(app.applyOn),
      days: app.validityDays,
      usableFrom: d(app.usableFrom),
      validUntil: d(app.validUntil),
      used: app.quotaUsed,
      limit: app.quotaLimit,
    },
  };
}

function okLines(plan: Pick<UsagePlanOk, 'applications' | 'existing'>, d: (x: BeijingDate) => string): Problem[] {
  return [
    ...plan.existing.map((c) => ({ key: 'planExisting', params: { from: d(c.from), until: d(c.until) } })),
    ...plan.applications.map((a) => applicationLine(a, d)),
  ];
}

export function planInWords(plan: UsagePlan, locale: Locale): PlanWords {
  const d = (x: BeijingDate) => formatBeijingDate(x, locale);
  if (plan.ok) {
    const n = plan.applications.length;
    return {
      ok: true,
      headline: n === 0
        ? { key: 'planCovered', params: { from: d(plan.from), until: d(plan.until) } }
        : { key: n === 1 ? 'planNeedsOne' : 'planNeedsMany', params: { n, from: d(plan.from), until: d(plan.until) } },
      lines: okLines(plan, d),
    };
  }
  switch (plan.reason) {
    case 'invalid-date':
      return { ok: false, headline: { key: plan.field === 'from' ? 'planInvalidFrom' : 'planInvalidUntil' }, lines: [] };
    case 'until-before-from':
      return { ok: false, headline: { key: 'planUntilBeforeFrom' }, lines: [] };
    case 'range-too-long':
      return { ok: false, headline: { key: 'planTooLong', params: { days: plan.days, max: plan.maxDays } }, lines: [] };
    case 'too-late':
      return {
        ok: false,
        headline: { key: 'planTooLate', params: { day: d(plan.firstUncoveredDay), earliest: d(plan.earliestUsableDay) } },
        lines: plan.alternative
          ? [{ key: 'planAlternative', params: { from: d(plan.alternative.from), until: d(plan.alternative.until) } }, ...okLines(plan.alternative, d)]
          : [],
      };
    case 'quota-exceeded':
      return {
        ok: false,
        headline: {
          key: 'planQuotaExceeded',
          params: {
            applyOn: d(plan.applyOn),
            used: plan.quotaUsed,
            limit: plan.quotaLimit,
            free: d(plan.firstFreeDay),
            gapFrom: d(plan.uncoveredFrom),
            gapUntil: d(addDays(plan.usableAgainFrom, -1)),
          },
        },
        lines: okLines(plan, d),
      };
  }
}
