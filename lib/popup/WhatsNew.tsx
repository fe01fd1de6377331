// The quiet line after an update that brought something a holder would notice
// (lib/model/whats-new.ts): shown in the popup until the holder puts it away; never a tab.
import { useEffect, useState } from 'preact/hooks';
import { changesBetween, type WhatsNewNote } from '../model/whats-new';
import type { PageEnv } from '../ui/env';
import type { PopupKey, PopupText } from './strings';

export function WhatsNew(props: { text: PopupText; env: PageEnv }) {
  const { text, env } = props;
  const { t } = text;
  const [note, setNote] = useState<WhatsNewNote | undefined>();
  useEffect(() => {
    void env.whatsNew?.().then(setNote, () => undefined);
  }, [env]);
  const lines = note ? changesBetween(note.since, note.version).flatMap((c) => c.lines) : [];
  if (!note || !lines.length) return null;
  return (
    <section class="whats-new" aria-labelledby="whats-new-title">
      <details>
        <summary>
          <span class="dot" aria-hidden="true" />
          <strong id="whats-new-title">{t('whatsNewTitle')}</strong> <span class="muted">{note.version}</span>
        </summary>
        <ul>
          {lines.map((key) => <li key={key}>{t(key as PopupKey)}</li>)}
        </ul>
      </details>
      <button
        type="button"
        class="link"
        aria-label={t('whatsNewDismissLabel')}
        onClick={() => {
          setNote(undefined);
          void env.dismissWhatsNew?.().catch(() => undefined);
        }}
      >
        {t('whatsNewDismiss')}
      </button>
    </section>
  );
}
