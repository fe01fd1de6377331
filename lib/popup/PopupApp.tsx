// The toolbar popup: every certificate's annotation at a glance, hand entry, undo,
// the planner and the calendar export. Rendered from one snapshot read before the first
// frame; after each write the snapshot is read again and the background told. What only a
// change or an export needs (the writes, the forms, zod with them, the calendar) is loaded
// when the holder first asks for it, not before the list shows.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Annotation } from '../model/annotation';
import type { Certificate } from '../model/certificate';
import { resolveLocale } from '../i18n/locale';
import type { Removed, Snapshot } from '../storage/records';
import type { PageEnv } from '../ui/env';
import { buildPopupView, type CertificateEntry } from './view';
import { popupText } from './strings';
import { WhatsNew } from './WhatsNew';
import { CertificateCard, entryTitle, type CardActions, type NextReminder } from './CertificateCard';
import { Planner } from './Planner';
import { EmptyState } from './EmptyState';
import { planReminders, type PlannedReminder } from '../reminders/plan';

type Records = typeof import('../storage/records');
type Forms = typeof import('./form-screens');
const loadRecords = (): Promise<Records> => import('../storage/records');
const loadForms = (): Promise<Forms> => import('./form-screens');
const loadCalendar = () => import('../calendar/ics');

type Screen =
  | { kind: 'list' }
  | { kind: 'certificate'; editing?: Certificate; number?: string }
  | { kind: 'annotation'; entry: CertificateEntry; editing?: Annotation };

interface Undo {
  message: string;
  removed: Removed;
}

export function PopupApp(props: { env: PageEnv; initial: Snapshot }) {
  const { env } = props;
  const [snapshot, setSnapshot] = useState(props.initial);
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const [forms, setForms] = useState<Forms | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const now = env.now();
  const locale = resolveLocale(snapshot.settings.language, env.uiLanguage);
  const text = useMemo(() => popupText(locale), [locale]);
  const { t } = text;
  const view = useMemo(() => buildPopupView(snapshot, now), [snapshot, now]);
  // The same plan the background works from, so "next reminder" says what will happen.
  const reminders = useMemo(() => planReminders({ ...snapshot, now }), [snapshot, now]);
  // Each certificate's next reminder, found in one pass over the plan rather than one per card.
  const nextByNumber = useMemo(() => {
    const next = new Map<string, PlannedReminder>();
    for (const r of reminders) {
      const best = next.get(r.certificateNumber);
      if (!best || r.due < best.due) next.set(r.certificateNumber, r);
    }
    return next;
  }, [reminders]);
  const numbers = useMemo(() => new Set(snapshot.certificates.map((c) => c.number)), [snapshot]);
  // Reminders the browser will not show: said here, where the holder looks for them.
  const [notificationsBlocked, setNotificationsBlocked] = useState(false);
  useEffect(() => {
    void env.notificationsBlocked?.().then(setNotificationsBlocked, () => undefined);
  }, [env]);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh_CN' ? 'zh-CN' : 'en';
    document.title = t('pageTitle');
  }, [locale, t]);
  // Focus moves with the drawing that brings its target, not a frame later (a keyboard
  // user's next key must land in the field that just appeared).
  useLayoutEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, screen]);

  /** Runs one write, then re-reads everything and tells the background. */
  async function write(action: (records: Records) => Promise<void>, done: string): Promise<boolean> {
    setError('');
    let records: Records | undefined;
    try {
      records = await loadRecords();
      await action(records);
    } catch (e) {
      // No records module: the extension's files (it was updated under the popup), not storage.
      setError(!records ? t('loadFailed') : e instanceof records.InvalidRecordError ? t('saveRefused', { reason: e.problems.join('; ') }) : t('saveFailed'));
      return false;
    }
    setSnapshot(await records.loadSnapshot(env.db));
    env.dataChanged();
    setStatus(done);
    return true;
  }

  const headingOf = (number: string) => `cert-${encodeURIComponent(number).replace(/%/g, '_')}`;
  /**
   * A form, once its code is here: the list stays until then (a moment, the first time), and
   * with it the undo of a delete just made, should the form's code not come.
   */
  const openForm = (next: Exclude<Screen, { kind: 'list' }>) => {
    void loadForms().then(
      (loaded) => {
        setUndo(null);
        setError('');
        setForms(loaded);
        setScreen(next);
      },
      () => setError(t('loadFailed')),
    );
  };
  const backToList = (focus: string | null) => {
    setScreen({ kind: 'list' });
    setFocusId(focus);
  };

  const actions: CardActions = {
    editCertificate: (entry) => openForm({ kind: 'certificate', editing: entry.certificate, number: entry.certificate ? undefined : entry.number }),
    addAnnotation: (entry) => openForm({ kind: 'annotation', entry }),
    editAnnotation: (entry, a) => openForm({ kind: 'annotation', entry, editing: a }),
    deleteCertificate: (entry) => {
      let removed: Removed | undefined;
      // Also right for a number with annotations but no certificate record: they go by index.
      void write(async (records) => {
        removed = await records.deleteCertificate(env.db, entry.number);
      }, '').then((ok) => {
        if (ok && removed) {
          setUndo({ message: t('deletedCertificate', { number: entry.number }), removed });
          setFocusId('undo-button');
        }
      });
    },
    deleteAnnotation: (entry, a) => {
      let removed: Removed | undefined;
      void write(async (records) => {
        removed = await records.deleteAnnotation(env.db, a.id);
      }, '').then((ok) => {
        if (ok && removed) {
          setUndo({ message: t('deletedAnnotation', { number: entry.number, applied: text.dateTime(a.appliedAt) }), removed });
          setFocusId('undo-button');
        }
      });
    },
  };

  const exportCalendar = () => {
    // Still within the click's activation: the file is saved as if at once.
    void loadCalendar().then(({ buildCalendar, calendarFileName }) => {
      setError('');
      const ics = buildCalendar({ certificates: snapshot.certificates, annotations: snapshot.annotations, settings: snapshot.settings, now, locale });
      env.download(calendarFileName(now), 'text/calendar;charset=utf-8', ics);
      setStatus(t('calendarExported'));
    }, () => setError(t('loadFailed')));
  };

  if (screen.kind === 'certificate' && forms) {
    const { CertificateForm } = forms;
    return (
      <main class="popup">
        <CertificateForm
          text={text}
          now={now}
          existingNumbers={numbers}
          editing={screen.editing}
          number={screen.number}
          onCancel={() => backToList(screen.editing || screen.number ? headingOf(screen.editing?.number ?? screen.number!) : 'add-certificate')}
          onSave={async (record) => {
            if (await write((records) => records.putCertificate(env.db, record).then(() => undefined), t('savedCertificate', { number: record.number }))) backToList(headingOf(record.number));
          }}
        />
        {error ? <p class="form-error" role="alert">{error}</p> : null}
      </main>
    );
  }
  if (screen.kind === 'annotation' && forms) {
    const { AnnotationForm } = forms;
    const entry = screen.entry;
    return (
      <main class="popup">
        <AnnotationForm
          text={text}
          now={now}
          certificateNumber={entry.number}
          certificateTitle={entryTitle(entry, text)}
          editing={screen.editing}
          onCancel={() => backToList(headingOf(entry.number))}
          onSave={async (record) => {
            if (await write((records) => records.putAnnotation(env.db, record).then(() => undefined), t('savedAnnotation', { number: record.certificateNumber }))) backToList(headingOf(record.certificateNumber));
          }}
        />
        {error ? <p class="form-error" role="alert">{error}</p> : null}
      </main>
    );
  }

  const empty = view.entries.length === 0 && view.withdrawn.length === 0;
  const remindersOn = snapshot.settings.remindersEnabled;
  const nextOf = (entry: CertificateEntry): NextReminder | null => {
    const r = nextByNumber.get(entry.number);
    return r ? { at: r.due, due: r.due <= now, kind: r.kind } : null;
  };
  const card = (entry: CertificateEntry) => (
    <CertificateCard
      key={entry.number}
      entry={entry}
      text={text}
      actions={actions}
      remindersOn={remindersOn}
      next={nextOf(entry)}
    />
  );

  return (
    <main class="popup">
      <header class="top">
        <h1>{t('title')}</h1>
        <div class="top-actions">
          <button type="button" class="primary" onClick={env.openPortal}>{t('openPortal')}</button>
          <button type="button" onClick={env.openSettings}>{t('settings')}</button>
        </div>
      </header>
      <p class="today">{t('today', { date: text.date(view.today) })}</p>
      <WhatsNew text={text} env={env} />
      {snapshot.damaged ? <p class="warning" role="note">{t('damagedRecords', { n: snapshot.damaged })}</p> : null}
      {notificationsBlocked && snapshot.settings.remindersEnabled ? <p class="warning" role="note">{t('notificationsBlocked')}</p> : null}
      {undo ? (
        <div class="undo" role="status">
          <span>{undo.message}</span>
          <button
            type="button"
            id="undo-button"
            onClick={() => {
              const removed = undo.removed;
              setUndo(null);
              const number = removed.certificates[0]?.number ?? removed.annotations[0]?.certificateNumber;
              void write((records) => records.restoreRemoved(env.db, removed), t('restored')).then(() => setFocusId(number ? headingOf(number) : null));
            }}
          >
            {t('undo')}
          </button>
          <button type="button" class="link" aria-label={t('dismissUndo')} onClick={() => setUndo(null)}>
            ×
          </button>
        </div>
      ) : null}
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      {empty ? (
        <EmptyState text={text} onOpenPortal={env.openPortal} onAdd={() => openForm({ kind: 'certificate' })} />
      ) : (
        <>
          <section aria-labelledby="list-title">
            <h2 id="list-title" class="sr-only">{t('listTitle')}</h2>
            {view.entries.length ? view.entries.map(card) : <p class="muted">{t('onlyWithdrawn')}</p>}
          </section>
          {view.withdrawn.length ? (
            <section class="withdrawn" aria-labelledby="withdrawn-title">
              <h2 id="withdrawn-title">{t('withdrawnTitle', { n: view.withdrawn.length })}</h2>
              <p class="muted">{t('withdrawnExplain')}</p>
              {view.withdrawn.map(card)}
            </section>
          ) : null}
          <p class="footnote">{t('quotaConservative')}</p>
          <Planner text={text} entries={view.entries} annotations={snapshot.annotations} now={now} />
        </>
      )}
      <footer class="bottom">
        <button type="button" id="add-certificate" onClick={() => openForm({ kind: 'certificate' })}>{t('addCertificate')}</button>
        {empty ? null : <button type="button" onClick={exportCalendar}>{t('exportCalendar')}</button>}
      </footer>
      <p class="sr-only" role="status" aria-live="polite">{status}</p>
    </main>
  );
}
