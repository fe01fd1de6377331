// Add or edit one annotation of a certificate by hand, for what the guide could not read.
import { useMemo, useState } from 'preact/hooks';
import type { Annotation } from '../model/annotation';
import { TextField, SelectField } from '../ui/Field';
import { annotationDraft, checkAnnotation, newAnnotationId, type AnnotationDraft, type AnnotationField } from './forms';
import type { PopupText } from './strings';

export function AnnotationForm(props: {
  text: PopupText;
  now: number;
  certificateNumber: string;
  certificateTitle: string;
  editing?: Annotation;
  onSave(record: Annotation): void | Promise<void>;
  onCancel(): void;
  newId?: () => string;
}) {
  const { text, editing } = props;
  const { t } = text;
  const [draft, setDraft] = useState<AnnotationDraft>(() => annotationDraft(editing, props.now));
  const [touched, setTouched] = useState<Partial<Record<AnnotationField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [id] = useState(() => editing?.id ?? (props.newId ?? newAnnotationId)());
  const result = useMemo(
    () => checkAnnotation(draft, { now: props.now, certificateNumber: props.certificateNumber, previous: editing, newId: () => id }),
    [draft, props.now, props.certificateNumber, editing, id],
  );
  const set = <K extends AnnotationField>(k: K, v: AnnotationDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
  };
  // The state's problem comes from the dates too ("valid" with a last day in the past).
  const seen = (k: AnnotationField) => touched[k] || submitted || (k === 'state' && (touched.validUntil || touched.appliedDate));
  const err = (k: AnnotationField) => (seen(k) && result.problems[k] ? text.say(result.problems[k]!) : undefined);

  return (
    <form
      class="form"
      noValidate
      aria-labelledby="ann-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (result.record) void props.onSave(result.record);
      }}
    >
      <h2 id="ann-form-title">{editing ? t('formEditAnnotation') : t('formAddAnnotation')}</h2>
      <p class="form-intro">
        {t('formAnnotationFor')} <span class="mono">{props.certificateNumber}</span> · {props.certificateTitle}
      </p>
      <div class="field-row">
        <TextField
          id="ann-applied-date"
          label={t('fieldAppliedDate')}
          hint={t('dateHint')}
          placeholder="2026-03-01"
          value={draft.appliedDate}
          required
          autoFocus
          error={err('appliedDate')}
          onInput={(v) => set('appliedDate', v)}
        />
        <TextField
          id="ann-applied-time"
          label={t('fieldAppliedTime')}
          hint={t('timeHint')}
          placeholder="09:30"
          value={draft.appliedTime}
          required
          error={err('appliedTime')}
          onInput={(v) => set('appliedTime', v)}
        />
      </div>
      <TextField
        id="ann-validity"
        label={t('fieldValidityDays')}
        hint={t('fieldValidityDaysHint')}
        inputMode="numeric"
        value={draft.validityDays}
        required
        error={err('validityDays')}
        onInput={(v) => set('validityDays', v)}
      />
      <SelectField
        id="ann-state"
        label={t('fieldState')}
        value={draft.state}
        error={err('state')}
        options={[
          { value: 'generating', label: t('annotationState_generating') },
          { value: 'valid', label: t('annotationState_valid') },
          { value: 'expired', label: t('annotationState_expired') },
        ]}
        onChange={(v) => set('state', v)}
      />
      <p class="form-intro">{t('fieldDatesIntro')}</p>
      <div class="field-row">
        <TextField id="ann-valid-from" label={t('fieldValidFrom')} placeholder="2026-03-01" value={draft.validFrom} error={err('validFrom')} onInput={(v) => set('validFrom', v)} />
        <TextField id="ann-valid-until" label={t('fieldValidUntil')} placeholder="2026-05-29" value={draft.validUntil} error={err('validUntil')} onInput={(v) => set('validUntil', v)} />
      </div>
      {submitted && !result.record ? <p class="form-error" role="alert">{t('formHasProblems')}</p> : null}
      <div class="form-actions">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={props.onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
