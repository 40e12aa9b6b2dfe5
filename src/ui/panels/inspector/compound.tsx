/**
 * Inputs for structured values: a distribution (type + its parameters) and a retry policy
 * (presets, attempts, backoff with jitter).
 */
import { useId, useState, type ReactNode } from 'react';
import type { Distribution, RetryPolicy } from '../../../core/schema';
import { formatDistribution, formatRetry } from '../../canvas/summary';
import { getIn, type Editable, type Path } from './editable';
import { FieldShell, NumberField, SelectField } from './fields';
import { RETRY_PRESETS } from './presets';

type DistKind = 'constant' | 'exponential' | 'uniform' | 'lognormal';

const DIST_LABELS: Record<DistKind, string> = {
  constant: 'Constant',
  exponential: 'Exponential (mean)',
  uniform: 'Uniform (min–max)',
  lognormal: 'Log-normal (median, p99)',
};

function distKind(d: Distribution | undefined): DistKind | '' {
  if (d === undefined) return '';
  return typeof d === 'number' ? 'constant' : d.dist;
}

/** A distribution of the same centre, of another type (so switching type keeps the scale). */
function convert(d: Distribution | undefined, to: DistKind, fallback: number): Distribution {
  const centre =
    d === undefined ? fallback : typeof d === 'number' ? d : d.dist === 'constant' ? d.value : d.dist === 'exponential' ? d.mean : d.dist === 'uniform' ? (d.min + d.max) / 2 : d.median;
  const c = centre > 0 ? centre : fallback;
  switch (to) {
    case 'constant':
      return { dist: 'constant', value: c };
    case 'exponential':
      return { dist: 'exponential', mean: c };
    case 'uniform':
      return { dist: 'uniform', min: Number((c / 2).toPrecision(3)), max: Number((c * 1.5).toPrecision(3)) };
    case 'lognormal':
      return { dist: 'lognormal', median: c, p99: Number((c * 5).toPrecision(3)) };
  }
}

export function DistributionField(props: { ed: Editable; path: Path; label: string; defaultValue?: Distribution; fallback?: number; optionalLabel?: string }) {
  const id = useId();
  const [error, setError] = useState<string>();
  const value = getIn(props.ed.value, props.path) as Distribution | undefined;
  const kind = distKind(value);
  // A bare number is a constant: edit it as {dist: constant} only once the person changes it.
  const objectPath = (field: string): Path => (typeof value === 'number' ? props.path : [...props.path, field]);
  const placeholder = props.defaultValue !== undefined ? `default: ${formatDistribution(props.defaultValue)}` : (props.optionalLabel ?? 'none');
  return (
    <fieldset className="fo-compound">
      <legend className="fo-compound__legend">{props.label}</legend>
      <FieldShell id={id} label="Distribution" error={error}>
        <select
          id={id}
          className="fo-input fo-select"
          aria-label={`${props.label} distribution`}
          value={kind}
          onChange={(e) => {
            const to = e.target.value as DistKind | '';
            setError(props.ed.set(props.path, to === '' ? undefined : convert(value, to, props.fallback ?? 0.1)));
          }}
        >
          <option value="">{placeholder}</option>
          {(Object.keys(DIST_LABELS) as DistKind[]).map((k) => (
            <option key={k} value={k}>
              {DIST_LABELS[k]}
            </option>
          ))}
        </select>
      </FieldShell>
      <div className="fo-grid2">
        {kind === 'constant' && <NumberField ed={props.ed} path={objectPath('value')} label="Value" ariaLabel={`${props.label} value`} unit="s" required />}
        {kind === 'exponential' && <NumberField ed={props.ed} path={[...props.path, 'mean']} label="Mean" ariaLabel={`${props.label} mean`} unit="s" required />}
        {kind === 'uniform' && (
          <>
            <NumberField ed={props.ed} path={[...props.path, 'min']} label="Min" ariaLabel={`${props.label} min`} unit="s" required />
            <NumberField ed={props.ed} path={[...props.path, 'max']} label="Max" ariaLabel={`${props.label} max`} unit="s" required />
          </>
        )}
        {kind === 'lognormal' && (
          <>
            <NumberField ed={props.ed} path={[...props.path, 'median']} label="Median" ariaLabel={`${props.label} median`} unit="s" required />
            <NumberField ed={props.ed} path={[...props.path, 'p99']} label="p99" ariaLabel={`${props.label} p99`} unit="s" required />
          </>
        )}
      </div>
    </fieldset>
  );
}

const BACKOFF_OPTIONS = [
  { value: 'fixed', label: 'Fixed' },
  { value: 'exponential', label: 'Exponential' },
];
const JITTER_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'full', label: 'Full' },
  { value: 'equal', label: 'Equal' },
  { value: 'decorrelated', label: 'Decorrelated' },
];

/** Choosing a backoff type creates the backoff with a 1 s initial delay (initial is required). */
function BackoffTypeField({ ed, path, retry }: { ed: Editable; path: Path; retry: RetryPolicy }) {
  const id = useId();
  const [error, setError] = useState<string>();
  return (
    <FieldShell id={id} label="Backoff" error={error}>
      <select
        id={id}
        className="fo-input fo-select"
        value={retry.backoff?.type ?? ''}
        onChange={(e) => {
          const type = e.target.value;
          setError(ed.set([...path, 'backoff'], type === '' ? undefined : { initial: 1, ...retry.backoff, type }));
        }}
      >
        <option value="">None (retry at once)</option>
        {BACKOFF_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function RetryField(props: { ed: Editable; path: Path; label?: string; defaultText: string; hint?: ReactNode }) {
  const id = useId();
  const [error, setError] = useState<string>();
  const retry = getIn(props.ed.value, props.path) as RetryPolicy | undefined;
  const label = props.label ?? 'Retry';
  const presetId = retry === undefined ? '' : (RETRY_PRESETS.find((p) => JSON.stringify(p.value) === JSON.stringify(retry))?.id ?? 'custom');
  return (
    <fieldset className="fo-compound">
      <legend className="fo-compound__legend">
        {label} <span className="fo-compound__summary">{retry ? formatRetry(retry) : props.defaultText}</span>
      </legend>
      <FieldShell id={id} label={`${label} preset`} error={error} hint={props.hint}>
        <select
          id={id}
          className="fo-input fo-select"
          value={presetId}
          onChange={(e) => {
            const preset = RETRY_PRESETS.find((p) => p.id === e.target.value);
            if (e.target.value === 'custom') return;
            setError(props.ed.set(props.path, preset ? structuredClone(preset.value) : undefined));
          }}
        >
          <option value="">Default: {props.defaultText}</option>
          {RETRY_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          {presetId === 'custom' && <option value="custom">Custom</option>}
        </select>
      </FieldShell>
      {retry && (
        <div className="fo-grid2">
          <NumberField ed={props.ed} path={[...props.path, 'maxAttempts']} label="Max attempts" integer required />
          <BackoffTypeField ed={props.ed} path={props.path} retry={retry} />
          {retry.backoff && (
            <>
              <NumberField ed={props.ed} path={[...props.path, 'backoff', 'initial']} label="Initial delay" unit="s" required />
              {retry.backoff.type === 'exponential' && <NumberField ed={props.ed} path={[...props.path, 'backoff', 'multiplier']} label="Multiplier" placeholder={2} />}
              <NumberField ed={props.ed} path={[...props.path, 'backoff', 'max']} label="Max delay" unit="s" placeholder="no cap" />
              <SelectField ed={props.ed} path={[...props.path, 'backoff', 'jitter']} label="Jitter" options={JITTER_OPTIONS} defaultLabel="Default (none)" />
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
