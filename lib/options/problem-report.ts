// The "report a problem" text in Settings: what a maintainer needs to reproduce a problem,
// and nothing about the holder (no certificate numbers, names, dates or counts of records).
// Pure: the page gathers the facts; nothing is sent anywhere.
import type { Translate } from '../i18n/translate';
import type { OptionsKey } from './strings';

export interface ReportFacts {
  version: string;
  userAgent: string;
  /** The extension's language now, the setting it follows, the browser's interface language. */
  locale: string;
  setting: string;
  ui: string;
  remindersEnabled: boolean;
  notificationsBlocked: boolean;
  rememberPages: boolean | null;
  /** Steps of the flow the guide recognised since the browser started (lib/background/tab-step.ts). */
  steps: readonly string[];
}

/** The order of the flow, so that the report lists steps the same way whatever order they were seen in. */
const FLOW = ['portal-home', 'cert-entry', 'login', 'register', 'service-terms', 'cert-list', 'annotation', 'annotation-apply', 'unknown'];

/** "Edge 156 (Windows)": the browser and its major version, and the system, from the user agent. */
export function browserName(userAgent: string): string {
  const version = (re: RegExp) => userAgent.match(re)?.[1];
  const name =
    (version(/Edg(?:A|iOS)?\/(\d+)/) && `Edge ${version(/Edg(?:A|iOS)?\/(\d+)/)}`) ||
    (version(/Firefox\/(\d+)/) && `Firefox ${version(/Firefox\/(\d+)/)}`) ||
    (version(/Chrom(?:e|ium)\/(\d+)/) && `Chrome ${version(/Chrom(?:e|ium)\/(\d+)/)}`) ||
    'unknown';
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS' : /CrOS/.test(userAgent) ? 'ChromeOS' : /Linux/.test(userAgent) ? 'Linux' : 'unknown';
  return `${name} (${system})`;
}

export function problemReport(facts: ReportFacts, t: Translate<OptionsKey>): string {
  const steps = FLOW.filter((s) => facts.steps.includes(s));
  const remember = facts.rememberPages === null ? t('report_not_asked') : t(facts.rememberPages ? 'report_on' : 'report_off');
  return [
    t('report_heading'),
    t('report_version', { version: facts.version }),
    t('report_browser', { browser: browserName(facts.userAgent) }),
    t('report_language', { locale: facts.locale, setting: facts.setting, ui: facts.ui }),
    t('report_reminders', { state: t(facts.remindersEnabled ? 'report_on' : 'report_off'), notifications: t(facts.notificationsBlocked ? 'report_blocked' : 'report_allowed') }),
    t('report_remember', { state: remember }),
    t('report_steps', { steps: steps.length ? steps.join(', ') : t('report_steps_none') }),
    '',
    t('report_what'),
    '',
  ].join('\n');
}
