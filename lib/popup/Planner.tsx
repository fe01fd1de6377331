// "I need it usable from A to B": the foundation's planner, answered in words as you type.
import { useMemo, useState } from 'preact/hooks';
import { planUsage } from '../model/usage';
import type { Annotation } from '../model/annotation';
import { TextField, SelectField } from '../ui/Field';
import { parseDateInput } from '../ui/dates';
import { planInWords } from './plan-words';
import type { CertificateEntry } from './view';
import { entryTitle } from './CertificateCard';
import type { PopupText } from './strings';

type PlannerProps = { text: PopupText; entries: CertificateEntry[]; annotations: readonly Annotation[]; now: number };

/** Closed, only its title: the form (a choice among every certificate) is built when opened. */
export function Planner(props: PlannerProps) {
  // Once opened it stays built, so the dates typed survive closing and reopening.
  const [opened, setOpened] = useState(false);
  if (!props.entries.some((e) => e.state !== 'not-needed')) return null;
  return (
    <details class="planner" onToggle={(e) => setOpened((was) => was || e.currentTarget.open)}>
      <summary>{props.text.t('plannerTitle')}</summary>
      {opened ? <PlannerBody {...props} /> : null}
    </details>
  );
}

function PlannerBody(props: PlannerProps) {
  const { text } = props;
  const { t } = text;
  const candidates = props.entries.filter((e) => e.state !== 'not-needed');
  const [number, setNumber] = useState(candidates[0]?.number ?? '');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const chosen = candidates.some((c) => c.number === number) ? number : candidates[0]?.number ?? '';

  const answer = useMemo(() => {
    const f = parseDateInput(from);
    const u = parseDateInput(until);
    const problems = {
      from: !f.ok && f.reason !== 'empty' ? t(f.reason === 'impossible' ? 'errDateImpossible' : 'errDateFormat') : undefined,
      until: !u.ok && u.reason !== 'empty' ? t(u.reason === 'impossible' ? 'errDateImpossible' : 'errDateFormat') : undefined,
    };
    if (!f.ok || !u.ok || !chosen) return { problems, words: undefined };
    const plan = planUsage({ certificateNumber: chosen, annotations: props.annotations, from: f.date, until: u.date, now: props.now });
    return { problems, words: planInWords(plan, text.locale) };
  }, [from, until, chosen, props.annotations, props.now, text]);

  return (
    <div class="planner-body">
      <p class="form-intro">{t('plannerIntro')}</p>
      {candidates.length > 1 ? (
        <SelectField
          id="plan-certificate"
          label={t('plannerCertificate')}
          value={chosen}
          options={candidates.map((c) => ({ value: c.number, label: `${entryTitle(c, text)} (${c.number})` }))}
          onChange={setNumber}
        />
      ) : (
        <p class="planner-cert">
          {entryTitle(candidates[0]!, text)} · <span class="mono">{candidates[0]!.number}</span>
        </p>
      )}
      <div class="field-row">
        <TextField id="plan-from" label={t('plannerFrom')} hint={t('dateHint')} placeholder="2026-04-01" value={from} error={answer.problems.from} onInput={setFrom} />
        <TextField id="plan-until" label={t('plannerUntil')} hint={t('dateHint')} placeholder="2026-09-30" value={until} error={answer.problems.until} onInput={setUntil} />
      </div>
      <div class="planner-answer" aria-live="polite" data-testid="plan-answer">
        {answer.words ? (
          <>
            <p class={answer.words.ok ? 'plan-ok' : 'plan-problem'}>{text.say(answer.words.headline)}</p>
            {answer.words.lines.length ? (
              <ul>
                {answer.words.lines.map((l, i) => (
                  <li key={i}>{text.say(l)}</li>
                ))}
              </ul>
            ) : null}
            <p class="field-hint">{t('plannerAssumptions')}</p>
          </>
        ) : null}
      </div>
    </div>
  );
}
