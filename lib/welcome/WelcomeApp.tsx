// The page that opens once, on install (lib/background/install.ts), and again from
// Settings: what the extension does, what it keeps and where, how to pin it, and a test
// notification so the holder sees that reminders reach them.
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../i18n/locale';
import type { TestNotificationResult } from '../background/install';
import { welcomeTranslate } from './strings';

export interface WelcomeEnv {
  locale: Locale;
  /** Which browser's way of pinning to show first. */
  firefox: boolean;
  sendTestNotification(): Promise<TestNotificationResult>;
  openPortal(): void;
  openSettings(): void;
}

type Outcome = 'sent' | 'blocked' | 'failed' | null;

export function WelcomeApp({ env }: { env: WelcomeEnv }) {
  const t = welcomeTranslate(env.locale);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.documentElement.lang = env.locale === 'zh_CN' ? 'zh-CN' : 'en';
    document.title = t('pageTitle');
  }, [env.locale]);

  const pin = [
    <li key="chrome">{t('pinChrome')}</li>,
    <li key="firefox">{t('pinFirefox')}</li>,
  ];
  if (env.firefox) pin.reverse();

  async function test() {
    setBusy(true);
    try {
      const result = await env.sendTestNotification();
      setOutcome(result.ok ? 'sent' : result.reason);
    } catch {
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  }

  const said = outcome === 'sent' ? t('notifySent') : outcome === 'blocked' ? t('notifyBlocked') : outcome === 'failed' ? t('notifyFailed') : '';
  return (
    <main class="welcome">
      <header class="welcome-head">
        <img src="/icon/128.png" alt="" width={56} height={56} />
        <div>
          <h1>{t('title')}</h1>
          <p class="muted">{t('unofficial')}</p>
        </div>
      </header>

      <section aria-labelledby="what-title">
        <h2 id="what-title">{t('whatTitle')}</h2>
        <p>{t('what1')}</p>
        <p>{t('what2')}</p>
      </section>

      <section aria-labelledby="keeps-title">
        <h2 id="keeps-title">{t('keepsTitle')}</h2>
        <p>{t('keeps')}</p>
        <p>{t('keepsNever')}</p>
        <p>{t('keepsDelete')}</p>
      </section>

      <section aria-labelledby="pin-title">
        <h2 id="pin-title">{t('pinTitle')}</h2>
        <p>{t('pinWhy')}</p>
        <ul>{pin}</ul>
      </section>

      <section aria-labelledby="notify-title" class="notify">
        <h2 id="notify-title">{t('notifyTitle')}</h2>
        <p>{t('notifyExplain')}</p>
        <div class="form-actions">
          <button type="button" class="primary" id="test-notification" disabled={busy} onClick={() => void test()}>{t('notifyButton')}</button>
        </div>
        <p id="test-outcome" class={outcome === 'sent' ? 'ok-line' : outcome ? 'warning' : ''} role="status" aria-live="polite">{said}</p>
        <h3>{t('checkTitle')}</h3>
        <ul>
          <li>{t('checkBrowser')}</li>
          <li>{t('checkWindows')}</li>
          <li>{t('checkMac')}</li>
        </ul>
      </section>

      <section aria-labelledby="start-title">
        <h2 id="start-title">{t('startTitle')}</h2>
        <p>{t('start')}</p>
        <div class="form-actions">
          <button type="button" class="primary" onClick={env.openPortal}>{t('startButton')}</button>
          <button type="button" onClick={env.openSettings}>{t('settingsButton')}</button>
        </div>
        <p class="muted">{t('laterNote')}</p>
      </section>
    </main>
  );
}
