import type { ComponentChildren } from 'preact';
import { DomainError, messageIn } from '../../common/errors/domain-error';
import type { ConsoleCtx, ConsoleLang } from './console-context';
import { SHELL_TEXTS } from './texts';

/** A problem to show next to a form field (field = the input's `name`). */
export interface FormProblem {
  field: string;
  message: string;
}

/** The id of a field's input (links from the error summary point at it). */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const errorId = (name: string): string => `${fieldId(name)}-error`;
const hintId = (name: string): string => `${fieldId(name)}-hint`;

/**
 * The field problems of a DomainError (its details), in the page's language; a problem with no
 * field of the form falls back to `fallbackField` (or is shown in the summary only, field '').
 */
export function problemsOf(e: DomainError, lang: ConsoleLang, fallbackField = ''): FormProblem[] {
  const details = Array.isArray(e.details) ? e.details : [];
  if (details.length > 0) return details.map((d) => ({ field: d.field, message: d.message }));
  return [{ field: fallbackField, message: messageIn(e, lang) }];
}

/** The message for one field, if any. */
export function problemFor(problems: readonly FormProblem[] | undefined, name: string): string | undefined {
  return problems?.find((p) => p.field === name)?.message;
}

/** A POST form (application/x-www-form-urlencoded) carrying the session's CSRF token in `_csrf`. */
export function PostForm(props: { ctx: Pick<ConsoleCtx, 'csrf'>; action: string; children?: ComponentChildren; class?: string; id?: string; 'aria-label'?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} id={props.id} aria-label={props['aria-label']}>
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {props.children}
    </form>
  );
}

interface FieldBase {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  /** For the "(required)" marker's language; Vietnamese without it. */
  ctx?: Pick<ConsoleCtx, 'lang'>;
}

function Label(props: FieldBase) {
  const lang = props.ctx?.lang ?? 'vi';
  return (
    <label for={fieldId(props.name)}>
      {props.label}
      {props.required ? <span class="req"> {SHELL_TEXTS.required[lang]}</span> : null}
    </label>
  );
}

function Extras(props: FieldBase) {
  const lang = props.ctx?.lang ?? 'vi';
  return (
    <>
      {props.hint ? <p class="hint" id={hintId(props.name)}>{props.hint}</p> : null}
      {props.error ? (
        <p class="field-error" id={errorId(props.name)}>
          <strong>{SHELL_TEXTS.errorPrefix[lang]}</strong> {props.error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(props: FieldBase): string | undefined {
  const ids = [props.hint ? hintId(props.name) : '', props.error ? errorId(props.name) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled input; its error (if any) is shown between the label and the input, and announced. */
export function Field(
  props: FieldBase & {
    type?: 'text' | 'password' | 'email' | 'number' | 'date' | 'datetime-local' | 'search' | 'tel' | 'url';
    value?: string | number;
    autocomplete?: string;
    inputmode?: 'numeric' | 'text' | 'email' | 'tel' | 'search' | 'url' | 'decimal' | 'none';
    pattern?: string;
    maxLength?: number;
    min?: string | number;
    max?: string | number;
    autofocus?: boolean;
  },
) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <Label {...props} />
      <Extras {...props} />
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === undefined ? undefined : String(props.value)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode}
        pattern={props.pattern}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        autofocus={props.autofocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(props: FieldBase & { options: readonly SelectOption[]; value?: string; placeholder?: string }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <Label {...props} />
      <Extras {...props} />
      <select id={fieldId(props.name)} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(props)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextArea(props: FieldBase & { value?: string; rows?: number; maxLength?: number }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <Label {...props} />
      <Extras {...props} />
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/**
 * The list of a form's problems at its top (role="alert": read out when the page loads), each
 * linking to its field; nothing when there are none.
 */
export function ErrorSummary(props: { problems?: readonly FormProblem[]; ctx?: Pick<ConsoleCtx, 'lang'>; title?: string }) {
  if (!props.problems || props.problems.length === 0) return null;
  const lang = props.ctx?.lang ?? 'vi';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{props.title ?? SHELL_TEXTS.problemsTitle[lang]}</h2>
      <ul>
        {props.problems.map((p) => (
          <li>{p.field ? <a href={`#${fieldId(p.field)}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A submit button (`kind` only changes its look; its text says what it does). */
export function Button(props: { children?: ComponentChildren; kind?: 'primary' | 'secondary' | 'danger' | 'link'; name?: string; value?: string; type?: 'submit' | 'button'; id?: string }) {
  return (
    <button type={props.type ?? 'submit'} class={`btn ${props.kind ?? 'primary'}`} name={props.name} value={props.value} id={props.id}>
      {props.children}
    </button>
  );
}
