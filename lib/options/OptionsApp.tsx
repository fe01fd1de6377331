// The settings page: reminders, language, the guide's consent, calendar export, backup
// and a plain account of what is kept where. Every change is saved at once, validated
// by the storage, and the background is told so it re-plans reminders.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { resolveLocale } from '../i18n/locale';
import type { Settings } from '../model/settings';
import { loadSnapshot, updateSettings, type Snapshot } from '../storage/records';
import type { PageEnv } from '../ui/env';
import { CheckboxField, Section, SelectField, TextField } from '../ui/Field';
import { buildCalendar, calendarFileName } from '../calendar/ics';
import { formatLadder, parseLadder } from './ladder';
import { optionsText, type OptionsText } from './strings';
import { BackupSection } from './BackupSection';
import { PrivacySection } from './PrivacySection';
import { AboutSection } from './AboutSection';

function LanguageChoice(props: { text: OptionsText; value: Settings['language']; onChange(v: Settings['language']): void }) {
  const { t } = props.text;
  const options: { value: Settings['language']; label: string; lang?: string }[] = [
    { value: 'auto', label: t('languageAuto') },
    // Each language is named in itself, whatever the page's language.
    { value: 'zh_CN', label: t('languageName_zh_CN'), lang: 'zh-CN' },
    { value: 'en', label: t('languageName_en'), lang: 'en' },
  ];
  return (
    <fieldset class="choice">
      <legend>{t('languageLegend')}</legend>
      {options.map((o) => (
        <div class="choice-item" key={o.value}>
          <input
            type="radio"
            name="language"
            id={`language-${o.value}`}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          <label for={`language-${o.value}`} lang={o.lang}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Card(props: { children: ComponentChildren }) {
  return <div class="panel">{props.children}</div>;
}

export function OptionsApp(props: { env: PageEnv; initial: Snapshot }) {
  const { env } = props;
  const [snapshot, setSnapshot] = useState(props.initial);
  const settings = snapshot.settings;
  const locale = resolveLocale(settings.language, env.uiLanguage);
  const text = useMemo(() => optionsText(locale), [locale]);
  const { t } = text;
  const [ladderText, setLadderText] = useState(formatLadder(settings.expiryLadderDays));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const ladder = parseLadder(ladderText);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh_CN' ? 'zh-CN' : 'en';
    document.title = t('pageTitle');
  }, [locale, t]);

  async function reload() {
    const next = await loadSnapshot(env.db);
    setSnapshot(next);
    return next;
  }

  async function save(patch: Partial<Settings>) {
    setError('');
    try {
      await updateSettings(env.db, patch);
    } catch {
      setError(t('saveFailed'));
      return;
    }
    await reload();
    env.dataChanged();
    setStatus(t('saved'));
  }

  const hours = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));
  const rememberHint = settings.rememberPages === null ? t('rememberPagesNotAsked') : t('rememberPagesHint');

  return (
    <main class="options">
      <header class="options-head">
        <h1>{t('title')}</h1>
        <p class="muted">{t('intro')}</p>
      </header>

      <Section id="reminders" title={t('remindersTitle')}>
        <Card>
          <CheckboxField id="reminders-enabled" label={t('remindersEnabled')} hint={t('remindersEnabledHint')} checked={settings.remindersEnabled} onChange={(v) => void save({ remindersEnabled: v })} />
          <TextField
            id="reminder-ladder"
            label={t('ladderLabel')}
            hint={ladder.ok && ladder.days.length === 0 ? t('ladderEmpty') : t('ladderHint')}
            value={ladderText}
            inputMode="numeric"
            error={ladder.ok ? undefined : text.say(ladder.problem)}
            onInput={setLadderText}
            onCommit={(v) => {
              const parsed = parseLadder(v);
              if (!parsed.ok) return;
              setLadderText(formatLadder(parsed.days));
              void save({ expiryLadderDays: parsed.days });
            }}
          />
          <SelectField
            id="reminder-hour"
            label={t('hourLabel')}
            hint={t('hourHint')}
            value={String(settings.reminderHour)}
            options={hours}
            onChange={(v) => void save({ reminderHour: Number(v) })}
          />
          <CheckboxField id="quota-reminder" label={t('quotaReminder')} hint={t('quotaReminderHint')} checked={settings.quotaReminder} onChange={(v) => void save({ quotaReminder: v })} />
        </Card>
      </Section>

      <Section id="language" title={t('languageTitle')}>
        <Card>
          <LanguageChoice text={text} value={settings.language} onChange={(v) => void save({ language: v })} />
        </Card>
      </Section>

      <Section id="guide" title={t('guideTitle')}>
        <Card>
          <CheckboxField id="remember-pages" label={t('rememberPages')} hint={rememberHint} checked={settings.rememberPages === true} onChange={(v) => void save({ rememberPages: v })} />
        </Card>
      </Section>

      <Section id="calendar" title={t('calendarTitle')}>
        <Card>
          <p>{t('calendarExplain')}</p>
          <div class="form-actions">
            <button
              type="button"
              onClick={() => {
                const now = env.now();
                const ics = buildCalendar({ certificates: snapshot.certificates, annotations: snapshot.annotations, settings, now, locale });
                env.download(calendarFileName(now), 'text/calendar;charset=utf-8', ics);
                setStatus(t('calendarExported'));
              }}
            >
              {t('calendarExport')}
            </button>
          </div>
        </Card>
      </Section>

      <BackupSection text={text} env={env} snapshot={snapshot} onChanged={async (message) => {
        const next = await reload();
        setLadderText(formatLadder(next.settings.expiryLadderDays));
        env.dataChanged();
        setStatus(message);
      }} />

      <PrivacySection text={text} />

      <AboutSection text={text} env={env} settings={settings} />

      {error ? <p class="form-error" role="alert">{error}</p> : null}
      <p class="status-line" role="status" aria-live="polite">{status}</p>
    </main>
  );
}
