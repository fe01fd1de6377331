// Settings' "About and help": the version, the welcome page again, and a problem report
// the holder can copy (lib/options/problem-report.ts): prefilled, nothing personal, never sent.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../model/settings';
import type { PageEnv } from '../ui/env';
import { Section } from '../ui/Field';
import { problemReport } from './problem-report';
import type { OptionsText } from './strings';

export function AboutSection(props: { text: OptionsText; env: PageEnv; settings: Settings }) {
  const { text, env, settings } = props;
  const { t } = text;
  const [steps, setSteps] = useState<string[]>([]);
  const [blocked, setBlocked] = useState(false);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    void env.stepsSeen?.().then(setSteps, () => undefined);
    void env.notificationsBlocked?.().then(setBlocked, () => undefined);
  }, [env]);
  const version = env.version ?? '';
  const report = problemReport(
    {
      version,
      userAgent: env.userAgent ?? '',
      locale: text.locale,
      setting: settings.language,
      ui: env.uiLanguage,
      remindersEnabled: settings.remindersEnabled,
      notificationsBlocked: blocked,
      rememberPages: settings.rememberPages,
      steps,
    },
    t,
  );
  return (
    <Section id="about" title={t('aboutTitle')}>
      <div class="panel">
        <p id="about-version">{t('version', { version })}</p>
        {env.openWelcome ? (
          <p>
            <button type="button" class="link" onClick={() => env.openWelcome?.()}>{t('openWelcome')}</button>
          </p>
        ) : null}
        <h3 id="report-title">{t('reportTitle')}</h3>
        <p>{t('reportExplain')}</p>
        <label class="file-label" for="problem-report">{t('reportLabel')}</label>
        <textarea id="problem-report" class="report-text mono" readOnly rows={report.split('\n').length} value={report} />
        <div class="form-actions">
          <button
            type="button"
            id="problem-report-copy"
            onClick={() => {
              // copyText never rejects (lib/ui/env.ts falls back and answers false).
              void (async () => {
                const ok = (await env.copyText?.(report)) ?? false;
                setCopied(ok ? t('reportCopied') : t('reportCopyFailed'));
              })();
            }}
          >
            {t('reportCopy')}
          </button>
          <span class={copied === t('reportCopied') ? 'ok-line' : 'muted'} role="status" aria-live="polite">{copied}</span>
        </div>
      </div>
    </Section>
  );
}
