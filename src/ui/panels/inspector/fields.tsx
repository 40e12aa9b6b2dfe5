/**
 * Inspector inputs. Each reads its value from an `Editable` at a path, keeps what the person typed
 * as a draft while it is invalid, shows the schema's message inline (aria-invalid, described by
 * the message) and writes only valid values. Empty means "use the default", shown as placeholder.
 */
import { useId, useState, type ReactNode } from 'react';
import { getIn, type Editable, type Path } from './editable';

interface FieldShellProps {
  id: string;
  label: string;
  unit?: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  wide?: boolean;
}

export function FieldShell({ id, label, unit, hint, error, children, wide }: FieldShellProps) {
  return (
    <div className={`fo-field${error ? ' has-error' : ''}${wide ? ' fo-field--wide' : ''}`}>
      <label className="fo-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="fo-field__control">
        {children}
        {unit && <span className="fo-field__unit" aria-hidden="true">{unit}</span>}
      </div>
      {error ? (
        <p className="fo-field__error" id={`${id}-error`} aria-live="polite">
          {error}
        </p>
      ) : (
        hint && <p className="fo-field__hint">{hint}</p>
      )}
    </div>
  );
}

/**
 * A text input bound to a value through `parse` (text → value or an error) and `format`
 * (value → text). Shared by the number, text and list fields.
 */
function DraftInput<T>(props: {
  ed: Editable;
  path: Path;
  label: string;
  unit?: string;
  hint?: ReactNode;
  placeholder?: string;
  parse: (text: string) => { value: T | undefined } | { error: string };
  format: (value: unknown) => string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  multiline?: boolean;
  wide?: boolean;
  /** Accessible name when the visible label is shortened. */
  ariaLabel?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const shown = draft ?? props.format(getIn(props.ed.value, props.path));
  const onChange = (text: string) => {
    setDraft(text);
    const parsed = props.parse(text);
    const problem = 'error' in parsed ? parsed.error : props.ed.set(props.path, parsed.value);
    setError(problem);
  };
  const common = {
    id,
    value: shown,
    placeholder: props.placeholder,
    'aria-label': props.ariaLabel ?? props.label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onBlur: () => {
      if (!error) setDraft(null);
    },
  };
  return (
    <FieldShell id={id} label={props.label} unit={props.unit} hint={props.hint} error={error} wide={props.wide ?? props.multiline}>
      {props.multiline ? (
        <textarea {...common} rows={3} className="fo-input fo-input--area" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} className="fo-input" inputMode={props.inputMode} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      )}
    </FieldShell>
  );
}

export function parseNumber(text: string, integer = false): { value: number | undefined } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const n = Number(t.replace(/_/g, ''));
  if (!Number.isFinite(n)) return { error: `“${t}” is not a number` };
  if (integer && !Number.isInteger(n)) return { error: 'must be a whole number' };
  return { value: n };
}

const formatNumber = (v: unknown) => (typeof v === 'number' ? String(v) : '');

export function NumberField(props: {
  ed: Editable;
  path: Path;
  label: string;
  unit?: string;
  placeholder?: string | number;
  integer?: boolean;
  /** Required fields refuse an empty value instead of removing the field. */
  required?: boolean;
  hint?: ReactNode;
  /** The full accessible name when the visible label is short ("Mean" → "Processing time mean"). */
  ariaLabel?: string;
}) {
  return (
    <DraftInput<number>
      ed={props.ed}
      path={props.path}
      label={props.label}
      ariaLabel={props.ariaLabel}
      unit={props.unit}
      hint={props.hint}
      placeholder={props.placeholder === undefined ? undefined : String(props.placeholder)}
      inputMode={props.integer ? 'numeric' : 'decimal'}
      format={formatNumber}
      parse={(text) => {
        const parsed = parseNumber(text, props.integer);
        if ('value' in parsed && parsed.value === undefined && props.required) return { error: 'required' };
        return parsed;
      }}
    />
  );
}

export function TextField(props: { ed: Editable; path: Path; label: string; placeholder?: string; required?: boolean; multiline?: boolean; hint?: ReactNode; keepEmpty?: boolean }) {
  return (
    <DraftInput<string>
      ed={props.ed}
      path={props.path}
      label={props.label}
      hint={props.hint}
      placeholder={props.placeholder}
      multiline={props.multiline}
      format={(v) => (typeof v === 'string' ? v : '')}
      parse={(text) => {
        if (text === '' && props.required) return { error: 'required' };
        if (text === '' && !props.keepEmpty) return { value: undefined };
        return { value: text };
      }}
    />
  );
}

/** A list of names typed as "A, B, C". */
export function StringListField(props: { ed: Editable; path: Path; label: string; placeholder?: string; hint?: ReactNode; keepEmptyList?: boolean }) {
  return (
    <DraftInput<string[]>
      ed={props.ed}
      path={props.path}
      label={props.label}
      hint={props.hint ?? 'Comma-separated'}
      placeholder={props.placeholder}
      format={(v) => (Array.isArray(v) ? v.join(', ') : '')}
      parse={(text) => {
        const items = text.split(',').map((s) => s.trim()).filter(Boolean);
        return { value: items.length || props.keepEmptyList ? items : undefined };
      }}
    />
  );
}

/** A list of numbers typed as "5, 300, 1800". */
export function NumberListField(props: { ed: Editable; path: Path; label: string; unit?: string; placeholder?: string; hint?: ReactNode }) {
  return (
    <DraftInput<number[]>
      ed={props.ed}
      path={props.path}
      label={props.label}
      unit={props.unit}
      hint={props.hint}
      placeholder={props.placeholder}
      wide
      format={(v) => (Array.isArray(v) ? v.join(', ') : '')}
      parse={(text) => {
        const parts = text.split(',').map((s) => s.trim());
        if (parts.length === 1 && parts[0] === '') return { value: undefined };
        const values: number[] = [];
        for (const p of parts) {
          if (p === '') continue;
          const n = Number(p);
          if (!Number.isFinite(n)) return { error: `“${p}” is not a number` };
          values.push(n);
        }
        return { value: values };
      }}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Option labels longer than this do not fit half an inspector row ("Poisson (default" was cut). */
const HALF_ROW_OPTION_CHARS = 15;

/** A choice among options; in a two-column grid it takes the whole row when an option is long. */
export function SelectField(props: { ed: Editable; path: Path; label: string; options: readonly Option[]; defaultLabel?: string; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const value = getIn(props.ed.value, props.path);
  const wide = [props.defaultLabel ?? '', ...props.options.map((o) => o.label)].some((label) => label.length > HALF_ROW_OPTION_CHARS);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} wide={wide}>
      <select
        id={id}
        className="fo-input fo-select"
        value={typeof value === 'string' ? value : ''}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setError(props.ed.set(props.path, e.target.value === '' ? undefined : e.target.value))}
      >
        {props.defaultLabel !== undefined && <option value="">{props.defaultLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A yes/no field; unchecked removes the field (false is every boolean's default). */
export function CheckboxField(props: { ed: Editable; path: Path; label: string; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const checked = getIn(props.ed.value, props.path) === true;
  return (
    <div className={`fo-check${error ? ' has-error' : ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => setError(props.ed.set(props.path, e.target.checked ? true : undefined))} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <span className="fo-field__hint">{props.hint}</span>}
      {error && <p className="fo-field__error">{error}</p>}
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="fo-section" aria-labelledby={id}>
      <div className="fo-section__head">
        <h3 id={id}>{title}</h3>
        {actions}
      </div>
      <div className="fo-section__body">{children}</div>
    </section>
  );
}

/**
 * A routing key: one string, or several separated by commas (a list the producer cycles through,
 * spec "Message streams"). Empty is the empty key.
 */
export function RoutingKeyField(props: { ed: Editable; path: Path; label: string; hint?: ReactNode }) {
  return (
    <DraftInput<string | string[]>
      ed={props.ed}
      path={props.path}
      label={props.label}
      hint={props.hint}
      placeholder="(empty)"
      format={(v) => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : '')}
      parse={(text) => {
        if (text === '') return { value: undefined };
        if (!text.includes(',')) return { value: text };
        return { value: text.split(',').map((s) => s.trim()) };
      }}
    />
  );
}
