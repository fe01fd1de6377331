// Backup: export everything to one JSON file, import it back (all or nothing, problems
// in words), and delete all data behind a confirmation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { clearAll, type Snapshot } from '../storage/records';
import type { PageEnv } from '../ui/env';
import { Section } from '../ui/Field';
import type { OptionsText } from './strings';

function DeleteAll(props: { text: OptionsText; env: PageEnv; snapshot: Snapshot; onChanged(message: string): void | Promise<void> }) {
  const { t } = props.text;
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Focus goes to the safe choice when asked, and back to the button afterwards.
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <div class="delete-all">
      <h3>{t('deleteTitle')}</h3>
      <p>{t('deleteExplain')}</p>
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby="delete-confirm-text">
          <p id="delete-confirm-text" class="warning">
            {t('deleteConfirm', { certificates: props.snapshot.certificates.length, annotations: props.snapshot.annotations.length })}
          </p>
          <div class="form-actions">
            <button
              type="button"
              class="danger-solid"
              onClick={async () => {
                setFailed(false);
                try {
                  await clearAll(props.env.db);
                } catch {
                  setFailed(true);
                  return;
                }
                setConfirming(false);
                await props.onChanged(t('deleted'));
              }}
            >
              {t('deleteConfirmButton')}
            </button>
            <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="danger" ref={openRef} onClick={() => setConfirming(true)}>
          {t('deleteButton')}
        </button>
      )}
      {failed ? <p class="form-error" role="alert">{t('deleteFailed')}</p> : null}
    </div>
  );
}

export function BackupSection(props: { text: OptionsText; env: PageEnv; snapshot: Snapshot; onChanged(message: string): void | Promise<void> }) {
  const { t } = props.text;
  return (
    <Section id="backup" title={t('backupTitle')}>
      <div class="panel">
        <DeleteAll {...props} />
      </div>
    </Section>
  );
}
