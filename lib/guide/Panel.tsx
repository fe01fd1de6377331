// The panel: where the holder is, what to do next, what to watch out for. Everything
// read from the portal arrives as text params and is rendered as Preact text nodes.
import type { ComponentChildren } from 'preact';
import type { GuideKey, Strings } from './strings';
import type { LastDayQuestion, PanelLine, PanelModel } from './model';
import { withPhones } from '../ui/phones';

export interface PanelActions {
  /** The holder toggled the panel (focus then moves to what replaced the button). */
  setCollapsed(collapsed: boolean): void;
  answerConsent(accept: boolean): void;
  /**
   * The holder's answers about the annotation's last valid day. `trusted`: the event came
   * from the holder's own input (event.isTrusted), never from a page script's click().
   */
  answerLastDay(date: string, trusted: boolean): void;
  keepLastDay(trusted: boolean): void;
  correctLastDay(trusted: boolean): void;
}

function LastDayBox({ q, s, actions }: { q: LastDayQuestion; s: Strings; actions: PanelActions }) {
  if (q.mode === 'known') {
    return (
      <div class="box lastday known" data-testid="lastday-known">
        <p>
          {s.t('lastday_known', { date: q.stored?.label ?? '' })}{' '}
          <button type="button" class="link" data-testid="lastday-correct" onClick={(e) => actions.correctLastDay(e.isTrusted)}>
            {s.t('lastday_correct')}
          </button>
        </p>
      </div>
    );
  }
  const error = q.error ? (
    <p class="error" role="alert">
      {s.t(q.error.key as GuideKey, q.error.params)}
    </p>
  ) : null;
  if (q.mode === 'conflict' && q.page && q.stored) {
    return (
      <div class="box lastday" role="group" aria-labelledby="cpta-lastday-title" data-testid="lastday-conflict">
        <h3 id="cpta-lastday-title">{s.t('lastday_conflict_title')}</h3>
        <p>{s.t('lastday_conflict_body', { page: q.page.label, stored: q.stored.label })}</p>
        {error}
        <div class="buttons">
          <button type="button" class="primary" data-testid="lastday-use-page" onClick={(e) => actions.answerLastDay(q.page!.date, e.isTrusted)}>
            {s.t('lastday_use_page', { date: q.page.label })}
          </button>
          <button type="button" class="secondary" data-testid="lastday-keep" onClick={(e) => actions.keepLastDay(e.isTrusted)}>
            {s.t('lastday_keep', { date: q.stored.label })}
          </button>
        </div>
      </div>
    );
  }
  const fieldId = 'cpta-lastday-field';
  const save = (e: Event) => {
    const root = (e.currentTarget as Element).closest('.lastday');
    const input = root?.querySelector<HTMLInputElement>(`#${fieldId}`);
    actions.answerLastDay(input?.value ?? '', e.isTrusted);
  };
  return (
    <div class="box lastday" role="group" aria-labelledby="cpta-lastday-title" data-testid="lastday-question">
      <h3 id="cpta-lastday-title">{s.t('lastday_title')}</h3>
      <p>{s.t('lastday_body')}</p>
      {q.stored ? <p>{s.t('lastday_stored', { date: q.stored.label })}</p> : null}
      {q.choices.length ? (
        <div class="choices">
          <span>{s.t('lastday_choices')}</span>
          {q.choices.map((c) => (
            <button key={c.date} type="button" class="choice" data-testid="lastday-choice" data-date={c.date} onClick={(e) => actions.answerLastDay(c.date, e.isTrusted)}>
              {c.label}
            </button>
          ))}
        </div>
      ) : null}
      <div class="field">
        <label for={fieldId}>{s.t('lastday_field')}</label>
        <input
          id={fieldId}
          type="date"
          min={q.min}
          max={q.max}
          data-testid="lastday-input"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              save(e);
            }
          }}
        />
        <button type="button" class="primary" data-testid="lastday-save" onClick={save}>
          {s.t('lastday_save')}
        </button>
      </div>
      {error}
    </div>
  );
}

/**
 * Only the holder's own input answers for the holder: a page script can call click() on
 * anything it can reach or dispatch any event, and those arrive with isTrusted false.
 */
export function fromHolder<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted === true) handler(event);
  };
}

function lineText(s: Strings, line: PanelLine): string {
  return line.area === 'guide' ? s.t(line.key as GuideKey, line.params) : s.portal(line.key, line.params);
}

function Lines({ s, lines }: { s: Strings; lines: PanelLine[] }) {
  if (!lines.length) return null;
  return (
    <ul class="lines">
      {lines.map((line, i) => (
        <li key={`${line.key}-${i}`} class={line.kind}>
          <span class="sr-only">{s.t(line.kind === 'warning' ? 'warning_label' : 'hint_label')}: </span>
          {withPhones(lineText(s, line))}
        </li>
      ))}
    </ul>
  );
}

/** What a screen reader hears when the step changes: "第 5 步，共 7 步：证书列表". */
export function stepAnnouncement(model: PanelModel, s: Strings): string {
  const name = s.portal(model.stepNameKey);
  if (model.view === 'quiet') return '';
  return model.stepNumber ? `${s.t('step_of', { n: model.stepNumber, m: model.stepCount })}: ${name}` : name;
}

export function Panel({ model, strings: s, actions, extra }: { model: PanelModel; strings: Strings; actions: PanelActions; extra?: ComponentChildren }) {
  const toggle = (collapsed: boolean) => actions.setCollapsed(collapsed);
  const stepName = s.portal(model.stepNameKey);
  const lang = model.locale === 'en' ? 'en' : 'zh-CN';

  if (model.view !== 'panel') {
    const quiet = model.view === 'quiet';
    return (
      <div class="root" lang={lang}>
        <button
          type="button"
          class={`launcher${quiet ? ' quiet' : ''}`}
          aria-expanded="false"
          aria-label={quiet ? s.t('open_panel') : s.t('open_panel_step', { step: stepName })}
          title={s.t('open_panel')}
          onClick={fromHolder(() => toggle(false))}
        >
          <span class="badge" aria-hidden="true">证</span>
          {quiet ? null : <span>{model.stepNumber ? `${model.stepNumber}/${model.stepCount}` : s.t('assistant_name')}</span>}
        </button>
      </div>
    );
  }

  const titleId = 'cpta-assistant-title';
  return (
    <div class="root" lang={lang}>
      <section
        class="panel"
        role="complementary"
        aria-labelledby={titleId}
        onKeyDown={fromHolder((e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            toggle(true);
          }
        })}
      >
        <div class="head">
          <span class="badge" aria-hidden="true">证</span>
          <span class="name">{s.t('assistant_name')}</span>
          <button type="button" class="icon-btn" aria-expanded="true" aria-label={s.t('collapse_panel')} onClick={fromHolder(() => toggle(true))}>
            {s.t('collapse')}
          </button>
        </div>
        <p class="step-of">{model.stepNumber ? s.t('step_of', { n: model.stepNumber, m: model.stepCount }) : s.t('step_off_path')}</p>
        <h2 class="title" id={titleId}>
          {stepName}
        </h2>
        {model.actionKey ? (
          <p class="action">
            <span class="label">{s.t('next_heading')}</span>
            {s.portal(model.actionKey)}
          </p>
        ) : null}
        {model.target === 'marked' || model.target === 'in-frame' ? (
          <p class="target-note found">{s.t(model.target === 'marked' ? 'target_marked' : 'target_in_frame')}</p>
        ) : null}
        {model.target === 'missing' ? (
          <p class="target-note" role="note">
            {s.t('target_missing')} {model.targetMissingKey ? s.portal(model.targetMissingKey) : s.t('target_missing_generic')}
          </p>
        ) : null}
        {model.note ? (
          <p class={`note${model.note.kind === 'warning' ? ' problem' : ''}`} role="status">
            {lineText(s, model.note)}
          </p>
        ) : null}
        {model.askConsent ? (
          <div class="box consent" role="group" aria-labelledby="cpta-consent-title">
            <h3 id="cpta-consent-title">{s.t('consent_title')}</h3>
            <p>{s.t('consent_body')}</p>
            <p>{s.t('consent_privacy')}</p>
            <div class="buttons">
              <button type="button" class="primary" data-testid="consent-accept" onClick={fromHolder(() => actions.answerConsent(true))}>
                {s.t('consent_accept')}
              </button>
              <button type="button" class="secondary" data-testid="consent-decline" onClick={fromHolder(() => actions.answerConsent(false))}>
                {s.t('consent_decline')}
              </button>
            </div>
          </div>
        ) : null}
        {model.lastDay && !model.askConsent ? <LastDayBox q={model.lastDay} s={s} actions={actions} /> : null}
        <Lines s={s} lines={model.lines} />
        {model.quota ? (
          <div class={`box${model.quota.full ? ' quota-full' : ''}`} role={model.quota.full ? 'alert' : undefined}>
            <h3>{s.t('quota_heading')}</h3>
            <Lines s={s} lines={model.quota.lines} />
          </div>
        ) : null}
        {model.problems.length ? (
          <div class="box">
            <h3>{s.t('reading_problem_label')}</h3>
            <Lines s={s} lines={model.problems} />
          </div>
        ) : null}
        {extra}
        <p class="foot">{s.t('privacy_note')}</p>
      </section>
    </div>
  );
}

/** The polite live region, outside the panel so that it exists even when collapsed. */
export function LiveRegion({ text }: { text: string }) {
  return (
    <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
