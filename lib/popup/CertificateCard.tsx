// One certificate: what it is, its annotation in plain words, the quota, the next
// reminder, and the hand-editing actions. Text from records is rendered as text.
import { useState } from 'preact/hooks';
import type { Annotation } from '../model/annotation';
import { certificateName } from '../model/certificate';
import type { CertificateEntry } from './view';
import type { PopupText } from './strings';
import { withPhones } from '../ui/phones';

export interface NextReminder {
  at: number;
  /** Already due: the background shows it now. */
  due: boolean;
  /** ready / expiring / expired / quota */
  kind: string;
}

export interface CardActions {
  editCertificate(entry: CertificateEntry): void;
  deleteCertificate(entry: CertificateEntry): void;
  addAnnotation(entry: CertificateEntry): void;
  editAnnotation(entry: CertificateEntry, a: Annotation): void;
  deleteAnnotation(entry: CertificateEntry, a: Annotation): void;
}

export function entryTitle(entry: CertificateEntry, text: PopupText): string {
  const c = entry.certificate;
  if (!c) return text.t('unknownCertificate');
  return certificateName(c);
}

// StateLine, HelpLine, QuotaLine and ReminderLine hold no state: the card calls them as
// functions rather than mounting them as components, the same DOM for a sixth less work in
// the popup's first render (100 cards made 400 component instances of them).
function StateLine({ entry, text, actions }: { entry: CertificateEntry; text: PopupText; actions: CardActions }) {
  const { t } = text;
  switch (entry.state) {
    case 'none':
      return <p class="state-detail">{t('stateNoneDetail')}</p>;
    case 'not-needed':
      return <p class="state-detail">{t(entry.notNeededByHand ? 'stateNotNeededByHand' : 'stateNotNeededDetail')}</p>;
    case 'generating': {
      const g = entry.generating!;
      return (
        <>
          <p class="state-detail">
            {t(g.overdue ? 'stateGeneratingOverdue' : 'stateGeneratingDetail', {
              applied: text.dateTime(g.appliedAt),
              ready: text.dateTime(g.readyBy),
            })}
          </p>
          {/* Past the guide's 24 hours the holder may be stuck: the help lines. */}
          {g.overdue ? HelpLine({ entry, text }) : null}
        </>
      );
    }
    case 'valid': {
      const v = entry.valid!;
      const alsoGenerating = entry.generating ? (
        <p class="state-detail">{t('stateAlsoGenerating', { ready: text.dateTime(entry.generating.readyBy) })}</p>
      ) : null;
      if (v.lastDayUnknown) {
        const current = entry.history.find((a) => a.id === v.annotationId);
        return (
          <>
            <p class="state-detail" data-testid="last-day-unknown">{t('stateValidLastDayUnknown')}</p>
            {current ? (
              <p>
                <button type="button" class="primary" aria-label={t('enterLastDayFor', { number: entry.number })} onClick={() => actions.editAnnotation(entry, current)}>
                  {t('enterLastDay')}
                </button>
              </p>
            ) : null}
            {alsoGenerating}
          </>
        );
      }
      const left = Math.min(v.daysLeft, v.spanDays);
      return (
        <>
          <p class="state-detail">
            {t(v.estimated ? 'stateValidEstimated' : 'stateValidDetail', { date: text.date(v.validUntil), days: v.daysLeft })}
          </p>
          <div class="bar" aria-hidden="true" title={t('barTitle', { days: v.daysLeft, span: v.spanDays })}>
            <div class={`bar-fill${v.daysLeft <= 7 ? ' low' : ''}`} style={{ width: `${Math.max(2, (left / v.spanDays) * 100)}%` }} />
          </div>
          <p class="bar-legend" aria-hidden="true">
            <span>{text.date(v.validFrom)}</span>
            <span>{text.date(v.validUntil)}</span>
          </p>
          {alsoGenerating}
        </>
      );
    }
    case 'expired': {
      const x = entry.expired!;
      return <p class="state-detail">{t('stateExpiredDetail', { since: text.date(x.since), until: text.date(x.validUntil) })}</p>;
    }
  }
}

/** The official help lines, with what to say when calling (the qualification and the number). */
function HelpLine({ entry, text }: { entry: CertificateEntry; text: PopupText }) {
  return (
    <p class="help-call" data-testid="help-call">
      {withPhones(text.t('helpCall', { qualification: entry.certificate?.qualification ?? text.t('unknownCertificate'), number: entry.number }))}
    </p>
  );
}

function QuotaLine({ entry, text }: { entry: CertificateEntry; text: PopupText }) {
  const q = entry.quota;
  if (!q) return null;
  const { t } = text;
  let detail = '';
  if (!q.canApply && q.firstFreeDay) detail = t('quotaFullUntil', { date: text.date(q.firstFreeDay) });
  else if (q.nextFreesOn) detail = t('quotaNextFrees', { date: text.date(q.nextFreesOn) });
  return (
    <p class={`quota${q.canApply ? '' : ' quota-full'}`}>
      {t('quotaUsed', { used: q.used, limit: q.limit })}
      {detail ? ` ${detail}` : ''}
    </p>
  );
}

function ReminderLine({ next, remindersOn, text }: { next: NextReminder | null | undefined; remindersOn: boolean; text: PopupText }) {
  if (next === undefined) return null;
  const { t } = text;
  if (!remindersOn) return <p class="next-reminder">{t('reminderOff')}</p>;
  if (!next) return <p class="next-reminder">{t('reminderNone')}</p>;
  const kind = (['ready', 'expiring', 'expired', 'quota'] as const).includes(next.kind as 'ready')
    ? t(`reminderKind_${next.kind as 'ready' | 'expiring' | 'expired' | 'quota'}`)
    : '';
  if (next.due) return <p class="next-reminder">{t('reminderDueNow', { kind })}</p>;
  // In Beijing time, like every other time on the card (the reminder rings at this computer's hour).
  return <p class="next-reminder">{t('reminderNext', { when: text.dateTime(next.at), kind })}</p>;
}

function AnnotationRow({ a, entry, text, actions }: { a: Annotation; entry: CertificateEntry; text: PopupText; actions: CardActions }) {
  const { t } = text;
  const applied = text.dateTime(a.appliedAt);
  return (
    <li class="history-item" data-annotation-id={a.id}>
      <p>
        {t('historyLine', {
          applied,
          days: a.validityDays,
          state: t(`annotationState_${a.state}`),
          from: text.date(a.validFrom.date),
          until: text.date(a.validUntil.date),
        })}
        {a.validUntil.source === 'estimated' ? ` ${t('estimatedMark')}` : a.validUntil.source === 'unknown' ? ` ${t('lastDayUnknownMark')}` : ''}
      </p>
      <div class="row-actions">
        <button type="button" class="link" aria-label={t('editAnnotationOf', { applied })} onClick={() => actions.editAnnotation(entry, a)}>
          {t('edit')}
        </button>
        <button type="button" class="link danger" aria-label={t('deleteAnnotationOf', { applied })} onClick={() => actions.deleteAnnotation(entry, a)}>
          {t('delete')}
        </button>
      </div>
    </li>
  );
}

/**
 * The rows are built when the history is opened: closed, they are not shown, and with
 * 10 annotations a certificate they were three quarters of the popup's first render.
 */
function History({ entry, text, actions }: { entry: CertificateEntry; text: PopupText; actions: CardActions }) {
  const [opened, setOpened] = useState(false);
  return (
    <details class="history" onToggle={(e) => setOpened((was) => was || e.currentTarget.open)}>
      <summary>{text.t('historyTitle', { n: entry.history.length })}</summary>
      {opened ? (
        <ul>
          {entry.history.map((a) => (
            <AnnotationRow key={a.id} a={a} entry={entry} text={text} actions={actions} />
          ))}
        </ul>
      ) : null}
    </details>
  );
}

export function CertificateCard(props: {
  entry: CertificateEntry;
  text: PopupText;
  actions: CardActions;
  next?: NextReminder | null;
  remindersOn: boolean;
}) {
  const { entry, text, actions } = props;
  const { t } = text;
  const title = entryTitle(entry, text);
  const headingId = `cert-${encodeURIComponent(entry.number).replace(/%/g, '_')}`;
  const status = entry.certificate?.status ?? 'unknown';
  return (
    <article
      class={`card state-${entry.state}`}
      data-testid="certificate"
      data-annotation-state={entry.state}
      data-certificate-number={entry.number}
      aria-labelledby={headingId}
    >
      <header class="card-head">
        <h3 id={headingId} tabIndex={-1}>{title}</h3>
        {/* A valid certificate goes without saying: the only coloured word is the annotation's. */}
        {status === 'valid' ? null : <span class={`status status-${status}`}>{t(`certStatus_${status}`)}</span>}
      </header>
      <p class="number">
        {t('numberLabel')} <span class="mono" data-testid="certificate-number">{entry.number}</span>
        {entry.certificate?.holderName ? <span class="holder"> · {entry.certificate.holderName}</span> : null}
      </p>
      {entry.withdrawn ? (
        // Withdrawn: void, so nothing about annotations, only that and whom to ask.
        <div class="annotation">
          <p class="state-detail">{t('stateWithdrawnDetail')}</p>
          {HelpLine({ entry, text })}
        </div>
      ) : (
        <div class="annotation">
          <p class="state-label">
            <span class={`pill pill-${entry.state}`}>{t(`entryState_${entry.state === 'not-needed' ? 'notNeeded' : entry.state}`)}</span>
          </p>
          {StateLine({ entry, text, actions })}
        </div>
      )}
      {entry.withdrawn ? null : QuotaLine({ entry, text })}
      {entry.withdrawn || entry.state === 'not-needed' ? null : ReminderLine({ next: props.next, remindersOn: props.remindersOn, text })}
      <div class="card-actions">
        {entry.state === 'not-needed' || entry.withdrawn ? null : (
          <button type="button" aria-label={t('addAnnotationFor', { number: entry.number })} onClick={() => actions.addAnnotation(entry)}>
            {t('addAnnotation')}
          </button>
        )}
        <button type="button" aria-label={t('editCertificateOf', { number: entry.number })} onClick={() => actions.editCertificate(entry)}>
          {entry.certificate ? t('editCertificate') : t('completeCertificate')}
        </button>
        <button type="button" class="danger" aria-label={t('deleteCertificateOf', { number: entry.number })} onClick={() => actions.deleteCertificate(entry)}>
          {t('deleteCertificate')}
        </button>
      </div>
      {entry.history.length ? <History entry={entry} text={text} actions={actions} /> : null}
    </article>
  );
}
