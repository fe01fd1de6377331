// Labelled form controls that show their problem in words, tied to the control for
// screen readers (aria-describedby / aria-invalid).
import type { ComponentChildren } from 'preact';

let counter = 0;
/** A page-unique id for label/description wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

interface BaseProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

function Describe({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? <p class="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      <p class="field-error" id={`${id}-error`} aria-live="polite">{error ?? ''}</p>
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: BaseProps & {
    value: string;
    onInput: (value: string) => void;
    onCommit?: (value: string) => void;
    required?: boolean;
    readOnly?: boolean;
    placeholder?: string;
    inputMode?: 'text' | 'numeric';
    autoFocus?: boolean;
    maxLength?: number;
  },
) {
  const { id, label, hint, error } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {props.required ? <span class="required" aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        type="text"
        value={props.value}
        required={props.required}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus}
        maxLength={props.maxLength}
        autoComplete="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        onChange={props.onCommit ? (e) => props.onCommit!((e.currentTarget as HTMLInputElement).value) : undefined}
      />
      <Describe id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField<V extends string>(
  props: BaseProps & { value: V; options: ReadonlyArray<{ value: V; label: string }>; onChange: (value: V) => void },
) {
  const { id, label, hint, error } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as V)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Describe id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField(props: { id: string; label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="field checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint ? <p class="field-hint" id={`${props.id}-hint`}>{props.hint}</p> : null}
    </div>
  );
}

export function Section(props: { title: string; id: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={`section ${props.class ?? ''}`} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}
