// Add or edit a certificate by hand. Every keystroke is checked; Save stays possible
// but refuses, with each field's reason, while anything is wrong.
import { useMemo, useState } from 'preact/hooks';
import type { Certificate } from '../model/certificate';
import { TextField, SelectField } from '../ui/Field';
import { certificateDraft, checkCertificate, type CertificateDraft, type CertificateField } from './forms';
import type { PopupText } from './strings';

export function CertificateForm(props: {
  text: PopupText;
  now: number;
  existingNumbers: ReadonlySet<string>;
  /** Editing this one; undefined to add. A number with annotations but no record is passed as `number`. */
  editing?: Certificate;
  number?: string;
  onSave(record: Certificate): void | Promise<void>;
  onCancel(): void;
}) {
  const { text, editing } = props;
  const { t } = text;
  const [draft, setDraft] = useState<CertificateDraft>(() => ({ ...certificateDraft(editing), ...(props.number ? { number: props.number } : {}) }));
  const [touched, setTouched] = useState<Partial<Record<CertificateField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const result = useMemo(
    () => checkCertificate(draft, { now: props.now, existingNumbers: props.existingNumbers, previous: editing }),
    [draft, props.now, props.existingNumbers, editing],
  );
  const set = <K extends CertificateField>(k: K, v: CertificateDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
  };
  const err = (k: CertificateField) => (touched[k] || submitted) && result.problems[k] ? text.say(result.problems[k]!) : undefined;
  const numberFixed = !!editing || !!props.number;

  return (
    <form
      class="form"
      noValidate
      aria-labelledby="cert-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (result.record) void props.onSave(result.record);
      }}
    >
      <h2 id="cert-form-title">{editing ? t('formEditCertificate') : t('formAddCertificate')}</h2>
      <p class="form-intro">{t('formCertificateIntro')}</p>
      <TextField
        id="cert-number"
        label={t('fieldNumber')}
        hint={numberFixed ? t('fieldNumberFixed') : t('fieldNumberHint')}
        value={draft.number}
        readOnly={numberFixed}
        required
        autoFocus={!numberFixed}
        maxLength={64}
        error={err('number')}
        onInput={(v) => set('number', v)}
      />
      <TextField
        id="cert-qualification"
        label={t('fieldQualification')}
        hint={t('fieldQualificationHint')}
        value={draft.qualification}
        required
        autoFocus={numberFixed}
        error={err('qualification')}
        onInput={(v) => set('qualification', v)}
      />
      <TextField id="cert-level" label={t('fieldLevel')} hint={t('fieldLevelHint')} value={draft.level} error={err('level')} onInput={(v) => set('level', v)} />
      <TextField
        id="cert-approval"
        label={t('fieldApprovalDate')}
        hint={t('dateHint')}
        placeholder="2023-06-01"
        value={draft.approvalDate}
        error={err('approvalDate')}
        onInput={(v) => set('approvalDate', v)}
      />
      <SelectField
        id="cert-status"
        label={t('fieldStatus')}
        value={draft.status}
        options={[
          { value: 'valid', label: t('certStatus_valid') },
          { value: 'withdrawn', label: t('certStatus_withdrawn') },
          { value: 'unknown', label: t('certStatus_unknown') },
        ]}
        onChange={(v) => set('status', v)}
      />
      <SelectField
        id="cert-required"
        label={t('fieldAnnotationRequired')}
        hint={t('fieldAnnotationRequiredHint')}
        value={draft.annotationRequired}
        options={[
          { value: 'auto', label: t('requiredAuto') },
          { value: 'yes', label: t('requiredYes') },
          { value: 'no', label: t('requiredNo') },
        ]}
        onChange={(v) => set('annotationRequired', v)}
      />
      <TextField id="cert-holder" label={t('fieldHolderName')} hint={t('fieldHolderNameHint')} value={draft.holderName} error={err('holderName')} onInput={(v) => set('holderName', v)} />
      {submitted && !result.record ? <p class="form-error" role="alert">{t('formHasProblems')}</p> : null}
      <div class="form-actions">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={props.onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
