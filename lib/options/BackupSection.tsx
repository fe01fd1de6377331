// Backup: export everything to one JSON file, import it back (all or nothing, problems
// in words), and delete all data behind a confirmation.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { clearAll, type Snapshot } from '../storage/records';
import {
  BACKUP_MAX_BYTES,
  describeBackupProblem,
  describeImportResult,
  exportBackup,
  importBackup,
} from '../storage/backup';
import { beijingDateAt } from '../dates/beijing';
import { LOG_KEEP_MS, MAX_ANNOTATIONS, MAX_CERTIFICATES, MAX_LOG_ENTRIES } from '../storage/limits';
import type { PageEnv } from '../ui/env';
import { CheckboxField, Section } from '../ui/Field';
import type { OptionsText } from './strings';

type Outcome = { ok: true; message: string } | { ok: false; reasons: string[] } | null;

function ExportBackup(props: { text: OptionsText; env: PageEnv; onDone(message: string): void }) {
  const { t } = props.text;
  const [failed, setFailed] = useState(false);
  return (
    <div class="backup-part">
      <h3>{t('exportTitle')}</h3>
      <p>{t('exportExplain')}</p>
      <p class="muted" data-testid="storage-limits">
        {t('storageLimits', { certificates: MAX_CERTIFICATES, annotations: MAX_ANNOTATIONS, logEntries: MAX_LOG_ENTRIES, logDays: LOG_KEEP_MS / 86_400_000 })}
      </p>
      <button
        type="button"
        // Preact drops the promise; the handler shows its own failure.
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        onClick={async () => {
          setFailed(false);
          const now = props.env.now();
          try {
            const json = await exportBackup(props.env.db, now);
            props.env.download(`cpta-assistant-backup-${beijingDateAt(now)}.json`, 'application/json', json);
          } catch {
            setFailed(true);
            return;
          }
          props.onDone(t('exported'));
        }}
      >
        {t('exportButton')}
      </button>
      {failed ? <p class="form-error" role="alert">{t('exportFailed')}</p> : null}
    </div>
  );
}

function ImportBackup(props: { text: OptionsText; env: PageEnv; onChanged(message: string): void | Promise<void> }) {
  const { t, locale } = props.text;
  const [keepSettings, setKeepSettings] = useState(false);
  const [restoreDeleted, setRestoreDeleted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      let reasons: string[] | undefined;
      if (file.size > BACKUP_MAX_BYTES) {
        // Refused before it is read: a huge file is not ours.
        reasons = [describeBackupProblem({ key: 'too_large', params: { sizeMb: (file.size / 1024 / 1024).toFixed(1), limitMb: BACKUP_MAX_BYTES / 1024 / 1024 } }, locale)];
      } else {
        let text: string | undefined;
        try {
          text = await file.text();
        } catch {
          reasons = [t('importReadFailed')];
        }
        if (text !== undefined) {
          const result = await importBackup(props.env.db, text, props.env.now(), { keepSettings, restoreDeleted });
          if (result.ok) {
            const message = describeImportResult(result, locale);
            setOutcome({ ok: true, message });
            await props.onChanged(message);
          } else reasons = result.problems.map((p) => describeBackupProblem(p, locale));
        }
      }
      if (reasons) setOutcome({ ok: false, reasons });
    } finally {
      setBusy(false);
      // The same file can be chosen again after it is fixed.
      input.value = '';
    }
  }

  return (
    <div class="backup-part">
      <h3>{t('importTitle')}</h3>
      <p>{t('importExplain')}</p>
      <CheckboxField id="import-keep-settings" label={t('importKeepSettings')} checked={keepSettings} onChange={setKeepSettings} />
      <CheckboxField id="import-restore-deleted" label={t('importRestoreDeleted')} checked={restoreDeleted} onChange={setRestoreDeleted} />
      <div class="field">
        <label for="import-file">{t('importLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-describedby="import-outcome"
          onChange={(e) => void importFile(e.currentTarget as HTMLInputElement)}
        />
      </div>
      <div id="import-outcome" data-testid="import-outcome" aria-live="polite">
        {busy ? <p class="muted">{t('importing')}</p> : null}
        {outcome?.ok ? <p class="ok-line">{outcome.message}</p> : null}
        {outcome && !outcome.ok ? (
          <div class="form-error" role="alert">
            <p>{t('importRefusedIntro')}</p>
            <ul>
              {outcome.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function DeleteAll(props: { text: OptionsText; env: PageEnv; snapshot: Snapshot; onChanged(message: string): void | Promise<void> }) {
  const { t } = props.text;
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Layout effect: focus moves with the drawing, before the holder's next key.
  useLayoutEffect(() => {
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
              // Preact drops the promise; the handler shows its own failure.
              // eslint-disable-next-line @typescript-eslint/no-misused-promises
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
        <ExportBackup text={props.text} env={props.env} onDone={(m) => void props.onChanged(m)} />
        <ImportBackup text={props.text} env={props.env} onChanged={props.onChanged} />
        <DeleteAll {...props} />
      </div>
    </Section>
  );
}
